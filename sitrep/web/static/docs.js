// Swagger UI from the swagger-ui-bundle package, served by this server (no CDN).
window.addEventListener("load", function () {
  "use strict";
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
});
