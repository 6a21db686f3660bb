"use strict";
// Starts Swagger UI on the API docs page. A file of our own, not an inline
// script: the page runs under the site's Content-Security-Policy.
(function () {
  var element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  var labels = {
    schema: element.dataset.labelSchema,
    operations: element.dataset.labelOperations
  };

  // Swagger UI's own markup, made to pass axe (docs/api.md): its <main> is the
  // page's only main landmark, so the schema's title block gets a region of
  // its own, and an h2 sits between that h1 and the operations' h3 tags.
  function Landmarks(system) {
    var h = system.React.createElement;
    return {
      wrapComponents: {
        InfoContainer: function (Original) {
          return function (props) {
            return h("section", { "aria-label": labels.schema }, h(Original, props));
          };
        },
        operations: function (Original) {
          return function (props) {
            return h(
              system.React.Fragment,
              null,
              h("h2", { className: "visually-hidden" }, labels.operations),
              h(Original, props)
            );
          };
        }
      }
    };
  }

  // What props cannot reach: a select without a label (a parameter's enum)
  // gets its parameter's name; a code sample that scrolls can be focused.
  function label(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(
      function (select) {
        var row = select.closest("tr[data-param-name]");
        select.setAttribute("aria-label", row.dataset.paramName);
      }
    );
    root.querySelectorAll(".highlight-code pre:not([tabindex])").forEach(
      function (pre) {
        pre.setAttribute("tabindex", "0");
      }
    );
  }
  new MutationObserver(function () {
    label(element);
  }).observe(element, { childList: true, subtree: true });

  window.ui = SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [Landmarks],
    layout: "BaseLayout",
    // Deep links put a link inside each operation's toggle button (a nested
    // interactive control); the operations keep their ids without them.
    deepLinking: false,
    docExpansion: "list",
    // The models section would sit outside every landmark; the schema's JSON
    // is linked above.
    defaultModelsExpandDepth: -1,
    supportedSubmitMethods: ["get", "head"],
    validatorUrl: null
  });
})();
