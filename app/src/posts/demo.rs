//! Tanketanken's demo posts (issue 29): written by the demo's people about the kind of work
//! the municipality shares, across the sectors.

/// One demo theme: title, summary, Markdown body, tags.
pub struct DemoPost {
    pub title: &'static str,
    pub summary: &'static str,
    pub body: &'static str,
    pub tags: &'static [&'static str],
}

/// Eight themes; each is written from five places, so the demo has forty posts.
pub const THEMES: [DemoPost; 8] = [
    DemoPost {
        title: "Selvinnsjekk som kortet ned køen",
        summary: "En skjerm ved inngangen tok over det meste av registreringen. Dette lærte vi.",
        body: "## Hva vi prøvde\n\nVi satte opp en enkel **selvinnsjekk** ved inngangen og lot \
               de ansatte ved skranken bruke tiden på dem som trengte hjelp.\n\n\
               ## Hva som skjedde\n\n- Køen ble kortere i rushtiden\n- Færre feil i \
               registreringen\n- Noen trengte fortsatt hjelp, og fikk den raskere\n\n\
               > Det viktigste var å spørre dem som sto i køen.\n",
        tags: &["selvbetjening", "tjenestedesign"],
    },
    DemoPost {
        title: "Stjal en rutine fra nabokommunen – med stil",
        summary: "Vi tok i bruk en rutine for ukeplaner som en annen kommune hadde laget, og \
                  tilpasset den.",
        body: "Vi trengte ikke finne opp hjulet. En nabokommune delte rutinen sin, og vi \
               brukte den nesten som den var.\n\n1. Vi leste rutinen sammen\n2. Vi strøk det \
               som ikke passet\n3. Vi prøvde i fire uker\n\nDel gjerne deres egne rutiner \
               med oss.\n",
        tags: &["gjenbruk", "stjæl med stil"],
    },
    DemoPost {
        title: "Beste feil: sensorene som varslet for mye",
        summary: "Et forsøk med sensorer i boligene ga for mange varsler. Det vi lærte var \
                  verdt det.",
        body: "Vi trodde flere varsler ga tryggere beboere. Det ga slitne ansatte.\n\n\
               ## Det vi gjør nå\n\nVi har skrudd ned følsomheten og lar beboerne selv \
               velge hva som skal varsle. Les gjerne **hele rapporten** i prosjektet.\n",
        tags: &["velferdsteknologi", "beste feil"],
    },
    DemoPost {
        title: "Digitale skjema som folk faktisk fyller ut",
        summary: "Vi testet skjemaet med fem innbyggere før vi publiserte det. Det endret \
                  nesten alt.",
        body: "Fem innbyggere, en kaffe og et skjema. De fant tolv ting vi måtte endre.\n\n\
               | Før | Etter |\n|---|---|\n| 14 felter | 6 felter |\n| 40 % fullført | 85 % \
               fullført |\n",
        tags: &["digitalisering", "brukertesting"],
    },
    DemoPost {
        title: "Avviklet et møte – fikk en time i uka tilbake",
        summary: "Når vi utviklet noe nytt, avviklet vi noe gammelt. Det faste fredagsmøtet \
                  ble til en delt oversikt.",
        body: "Strategien sier at vi skal *avvikle noe når vi utvikler noe annet*. Vi tok \
               det bokstavelig.\n\nFredagsmøtet ble erstattet av en delt oversikt som alle \
               oppdaterer. Det frigjør om lag én time per ansatt i uka.\n",
        tags: &["avvikling", "gevinstrealisering"],
    },
    DemoPost {
        title: "Klimaklok matservering i barnehagen",
        summary: "Mindre matsvinn og mer grønnsaker: barna var med og bestemte.",
        body: "Barna telte hva som ble kastet hver dag i to uker. Så bestemte de menyen \
               sammen med oss.\n\n- Matsvinnet gikk ned med en tredjedel\n- Barna spiser \
               mer grønt\n",
        tags: &["klimaklok", "barnehage"],
    },
    DemoPost {
        title: "Leder for innovasjon: hva LUP ga oss",
        summary: "Lederen og to ildsjeler fra samme tjenestested tok LUP sammen. Her er \
                  tre ting vi tar med oss.",
        body: "Vi tok programmet som en **ledergruppe**, ikke hver for oss. Det gjorde \
               forskjellen.\n\n1. Vi prøver i det små før vi bestemmer oss\n2. Vi deler \
               feil like gjerne som suksesser\n3. Vi inviterer innbyggerne tidligere\n",
        tags: &["lup", "ledelse"],
    },
    DemoPost {
        title: "Fra idé til prosjekt på seks uker",
        summary: "Idéen kom fra en ansatt på kjøkkenet. Seks uker senere var den et prosjekt \
                  i porteføljen.",
        body: "Idéen ble sendt inn i Idéverket en mandag. Lederen vurderte den samme uke, og \
               innovasjonsrådet anbefalte å prøve.\n\nNå følger vi gevinstene i prosjektet.\n",
        tags: &["idé", "portefølje"],
    },
];

/// Comments the demo's people leave.
pub const COMMENTS: [&str; 5] = [
    "Så bra! Kan dere dele malen dere brukte?",
    "Dette vil vi prøve hos oss også.",
    "Hvordan fikk dere med de ansatte på endringen?",
    "Takk for at dere deler – også det som ikke gikk.",
    "Vi har gjort noe lignende. Ta gjerne kontakt.",
];

/// The one comment an editor hides in the demo, and why.
pub const HIDDEN_COMMENT: &str = "Dette er bortkastede penger, og alle vet hvem som har skylda.";
pub const HIDDEN_REASON: &str = "Skriv om saken, ikke om enkeltpersoner.";
