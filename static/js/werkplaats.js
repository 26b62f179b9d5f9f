// The app's own small behaviours, without inline script (the Content-Security-Policy allows none).
// A button with `data-afdrukken` prints the page.
document.querySelectorAll("[data-afdrukken]").forEach((knop) => {
  knop.addEventListener("click", () => window.print());
});

// Reflow (WCAG 1.4.10): a table wider than the screen scrolls inside its own region, never the whole page. Tables
// without a scroll container get one; each such region is named after the table's caption (or the nearest heading)
// and can take focus while it scrolls, so that it can be scrolled with the keyboard too.
(() => {
  const regios = [];
  const naamVan = (tabel) => {
    const bijschrift = tabel.querySelector("caption");
    if (bijschrift && bijschrift.textContent.trim()) return bijschrift.textContent.trim();
    const kop = tabel.closest("section, article, main")?.querySelector("h1, h2, h3");
    return kop ? kop.textContent.trim() : document.title;
  };
  document.querySelectorAll("main table").forEach((tabel) => {
    let regio = tabel.parentElement.closest(".table-responsive, .tabel-scroll");
    if (!regio) {
      regio = document.createElement("div");
      regio.className = "tabel-scroll";
      tabel.parentNode.insertBefore(regio, tabel);
      regio.appendChild(tabel);
    }
    if (!regio.hasAttribute("role")) {
      regio.setAttribute("role", "region");
      if (!regio.hasAttribute("aria-label") && !regio.hasAttribute("aria-labelledby")) {
        regio.setAttribute("aria-label", naamVan(tabel));
      }
    }
    if (!regios.includes(regio)) regios.push(regio);
  });
  const bijwerken = () => {
    regios.forEach((regio) => {
      if (regio.scrollWidth > regio.clientWidth + 1) regio.setAttribute("tabindex", "0");
      else if (regio.getAttribute("tabindex") === "0" && !regio.dataset.altijdFocus) regio.removeAttribute("tabindex");
    });
  };
  bijwerken();
  window.addEventListener("resize", bijwerken);
})();

// The quickscan entry form: beside an element's score, whether it reaches the previous round's target. The page
// carries the status for every choice (`data-status-<score>`, `data-status-leeg`), worked out on the server by the one
// rule (quickscan/doelen.py::doel_status); here the status of the chosen score is only shown.
document.querySelectorAll("[data-doel]").forEach((doel) => {
  const status = doel.querySelector("[data-doel-status]");
  doel.closest("fieldset")?.querySelectorAll('input[type="radio"]').forEach((radio) => {
    radio.addEventListener("change", () => {
      status.textContent = doel.getAttribute(`data-status-${radio.value || "leeg"}`) ?? status.textContent;
    });
  });
});

// The action form: "Overnemen" of a suggestion fills in its element and text, still to be adapted, without leaving the
// page (without JavaScript the link opens the form with them filled in).
document.querySelectorAll("[data-overnemen]").forEach((link) => {
  link.addEventListener("click", (event) => {
    const omschrijving = document.getElementById("id_omschrijving");
    const element = document.getElementById("id_element");
    if (!omschrijving || !element) return;
    event.preventDefault();
    element.value = link.dataset.element;
    omschrijving.value = link.dataset.tekst;
    omschrijving.focus();
  });
});
