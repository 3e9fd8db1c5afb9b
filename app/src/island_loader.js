// Loads the WebAssembly only on a page that has an island (issue 25). The server takes this
// loader out of a page without one (`server::island_loader`), which then loads no script and
// no wasm; the check below stays for a page that reaches the browser another way. Adapted from Leptos 0.8's island_script.js
// (`HydrationScripts islands=true`), which loads the bundle on every page. When the page's
// islands have hydrated, or at once on a page with none, it marks `<html data-hydrated>`
// (tests and styles read it).
((root, pkg_path, output_name, wasm_output_name) => {
	const hydrated = () => document.documentElement.setAttribute("data-hydrated", "true");
	if (!document.querySelector("leptos-island")) {
		hydrated();
		return;
	}
	const MOST_RECENT_CHILDREN_CB = [];
	function idle(c) {
		if ("requestIdleCallback" in window) {
			window.requestIdleCallback(c);
		} else {
			c();
		}
	}
	async function hydrateIslands(rootNode, mod) {
		async function traverse(node) {
			if (node.nodeType !== Node.ELEMENT_NODE) return;
			const tag = node.tagName.toLowerCase();
			if (tag === "leptos-island") {
				await hydrateIsland(node, node.dataset.component || null, mod);
				for (const child of node.children) await traverse(child);
			} else if (tag === "leptos-children") {
				MOST_RECENT_CHILDREN_CB.push(node.$$on_hydrate);
				for (const child of node.children) await traverse(child);
				MOST_RECENT_CHILDREN_CB.pop();
			} else {
				for (const child of node.children) await traverse(child);
			}
		}
		await traverse(rootNode);
	}
	async function hydrateIsland(el, id, mod) {
		const islandFn = mod[id];
		if (!islandFn) {
			console.warn(`Could not find WASM function for the island ${id}.`);
			return;
		}
		const children_cb = MOST_RECENT_CHILDREN_CB[MOST_RECENT_CHILDREN_CB.length - 1];
		if (children_cb) children_cb();
		const res = islandFn(el);
		if (res && res.then) await res;
	}
	idle(() => {
		import(`${root}/${pkg_path}/${output_name}.js`).then((mod) => {
			mod.default({ module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm` }).then(async () => {
				mod.hydrate();
				await hydrateIslands(document.body, mod);
				hydrated();
			});
			window.__hydrateIsland = (el, id) => hydrateIsland(el, id, mod);
		});
	});
})
