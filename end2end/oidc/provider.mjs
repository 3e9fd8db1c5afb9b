// A certified OpenID provider (npm's oidc-provider, OpenID Certified) for the end-to-end tests
// of single sign-on (issue 31), started by Playwright beside the app servers. Its development
// interactions are its sign-in and consent pages: any login is an account, its address the
// login, its name from the list below. Test-only secrets; it listens on 127.0.0.1 only.
import { AsyncLocalStorage } from 'node:async_hooks';
import Provider from 'oidc-provider';

const port = Number(process.env.E2E_PORT_OIDC);
const app = process.env.E2E_APP_URL;
if (!port || !app) {
  console.error('E2E_PORT_OIDC and E2E_APP_URL are needed');
  process.exit(2);
}
// A provider whose clock is behind, for one account: every token issued to `STALE` at the
// token endpoint is stamped two hours back, so its ID token expired an hour before the app
// sees it (the app's refusal of an expired token, end to end). Each request runs with its own
// store; `Date.now` reads the request's offset, so other requests keep the true time.
const STALE = 'gammel.klokke@ideverket.example';
const request = new AsyncLocalStorage();
const trueNow = Date.now;
Date.now = () => trueNow() + (request.getStore()?.offsetMs ?? 0);

const names = {
  'ny.kollega@ideverket.example': 'Nora Kollega',
  'innovasjonsrad@ideverket.example': 'Ingrid Johansen',
  'admin@ideverket.example': 'Astrid Berg',
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'ideverket',
      client_secret: 'e2e-hemmelig',
      redirect_uris: [`${app}/logg-inn/sso/svar`],
      post_logout_redirect_uris: [`${app}/logg-inn?utlogget=1`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    if (id === STALE && ctx?.path === '/token') {
      const store = request.getStore();
      if (store) store.offsetMs = -2 * 3600 * 1000;
    }
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: names[id] ?? id };
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // The scopes' claims in the ID token itself, as Entra ID sends its optional `email` claim.
  conformIdTokenClaims: false,
  cookies: { keys: ['e2e-cookie-key'] },
});
provider.proxy = false;
provider.use((_ctx, next) => request.run({ offsetMs: 0 }, next));
provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider at http://127.0.0.1:${port}`);
});
