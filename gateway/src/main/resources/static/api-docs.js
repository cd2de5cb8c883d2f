// The four services' OpenAPI documents on one page; each operation lists its roles (x-roles).
window.ui = SwaggerUIBundle({
  urls: ["intake", "screening", "scheduling", "followup", "interop"].map((service) => ({ url: "/openapi/" + service, name: service })),
  dom_id: "#api",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
  showExtensions: true
});
