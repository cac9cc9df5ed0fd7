// Orderdesk's few behaviours that need a script; everything else is plain HTML and htmx.
// Event delegation on document, because htmx replaces parts of the page.
(function () {
  "use strict";

  // "/" focuses the search box, unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    var search = document.getElementById("q");
    if (search) { event.preventDefault(); search.focus(); search.select(); }
  });

  // Filters left empty stay out of the URL, so a copied link shows only what is set.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") return;
    var params = event.detail.parameters;
    var keys = params instanceof FormData ? Array.from(params.keys()) : Object.keys(params);
    keys.forEach(function (key) {
      var value = params instanceof FormData ? params.get(key) : params[key];
      if (value === "" || (key === "sort" && value === "-created_at") || (key === "per_page" && value === "50")) {
        if (params instanceof FormData) params.delete(key); else delete params[key];
      }
    });
  });

  // A click on a list row opens the order (links and checkboxes keep their own behaviour).
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-href]");
    if (!row || event.target.closest("a, input, button, label, select")) return;
    window.location.href = row.dataset.href;
  });

  // --- Bulk selection -----------------------------------------------------------------------
  function bulkForm() { return document.getElementById("bulk-form"); }

  function rowBoxes(form) { return form.querySelectorAll('input[name="codes"]'); }

  function matchingCount(form) {
    var done = form.querySelector(".select-matching-done[data-count]");
    return done ? parseInt(done.dataset.count, 10) : null;
  }

  function selectionCount(form) {
    var matching = matchingCount(form);
    if (matching !== null) return matching;
    return form.querySelectorAll('input[name="codes"]:checked').length;
  }

  function refreshBulkBar() {
    var form = bulkForm();
    if (!form) return;
    var bar = form.querySelector(".bulk-bar");
    if (!bar) return;
    var n = selectionCount(form);
    bar.hidden = n === 0;
    var label = bar.querySelector(".bulk-count");
    label.textContent = n === 1 ? label.dataset.templateOne : label.dataset.templateMany.replace("{n}", n);
    var boxes = rowBoxes(form);
    var checked = form.querySelectorAll('input[name="codes"]:checked').length;
    var pageBox = form.querySelector(".select-page");
    if (pageBox) {
      pageBox.checked = boxes.length > 0 && checked === boxes.length;
      pageBox.indeterminate = checked > 0 && checked < boxes.length;
    }
    var matchingButton = bar.querySelector(".select-matching");
    if (matchingButton) {
      matchingButton.hidden = !(pageBox && pageBox.checked) || !!form.querySelector(".select-matching-done");
    }
    var actionSelect = bar.querySelector('[name="action"]');
    bar.querySelectorAll("[data-for]").forEach(function (input) {
      var wanted = !!actionSelect && input.dataset.for.split(" ").indexOf(actionSelect.value) !== -1;
      input.hidden = !wanted;
      input.required = wanted && input.name !== "assigned_to";
    });
    form.querySelectorAll("tbody tr").forEach(function (row) {
      var box = row.querySelector('input[name="codes"]');
      row.classList.toggle("selected", !!(box && box.checked));
    });
  }

  document.addEventListener("change", function (event) {
    var form = bulkForm();
    if (!form || !form.contains(event.target)) return;
    if (event.target.classList.contains("select-page")) {
      rowBoxes(form).forEach(function (box) { box.checked = event.target.checked; });
    }
    if (event.target.name === "codes" || event.target.classList.contains("select-page")) {
      // Changing the ticked rows undoes "all matching": "all" must mean one thing.
      var done = form.querySelector(".select-matching-done");
      if (done) done.remove();
    }
    refreshBulkBar();
  });
  document.addEventListener("htmx:afterSwap", refreshBulkBar);
  document.addEventListener("DOMContentLoaded", refreshBulkBar);

  // Before a bulk action runs, a dialog names the action and how many orders it touches.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "bulk-form" || form.dataset.confirmed === "1") return;
    if (event.submitter && event.submitter.hasAttribute("data-no-confirm")) return;
    event.preventDefault();
    var dialog = form.querySelector(".confirm-dialog");
    var action = form.querySelector('[name="action"]');
    var text = dialog.querySelector(".confirm-text");
    var count = selectionCount(form);
    var template = count === 1 && text.dataset.templateOne ? text.dataset.templateOne : text.dataset.template;
    text.textContent = template
      .replace("{action}", action.options[action.selectedIndex].text)
      .replace("{n}", count);
    dialog.showModal();
    dialog.querySelector('[value="confirm"]').focus();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".confirm-dialog button");
    if (!button) return;
    var dialog = button.closest("dialog");
    dialog.close();
    if (button.value === "confirm") {
      var form = dialog.closest("form");
      form.dataset.confirmed = "1";
      form.submit();
    }
  });

  // --- Order form: item rows and totals as you type ----------------------------------------
  // Amounts as the page's language writes them: 1.250.000 / 19,99 in Vietnamese, 1,250,000 /
  // 19.99 in English (the server reads them the same way, core/money.py parse_local_amount).
  var pageLanguage = document.documentElement.lang || "en";
  var decimalComma = pageLanguage === "vi";
  function parseAmount(text) {
    var compact = String(text || "").replace(/[\s\u00a0\u202f]/g, "");
    if (decimalComma) {
      compact = /^\d+\.\d{1,2}$/.test(compact) ? compact : compact.replace(/\./g, "").replace(",", ".");
    } else {
      compact = compact.replace(/,/g, "");
    }
    var value = parseFloat(compact);
    return isNaN(value) ? 0 : value;
  }

  function recomputeTotals() {
    var form = document.querySelector(".order-form");
    if (!form) return;
    var subtotal = 0;
    form.querySelectorAll(".item-row").forEach(function (row) {
      var line = parseAmount(row.querySelector(".qty").value) * parseAmount(row.querySelector(".price").value);
      row.querySelector(".line-total").textContent = line ? line.toLocaleString(pageLanguage) : "";
      subtotal += line;
    });
    var fee = parseAmount(form.querySelector('[name="shipping_fee"]').value);
    var discount = parseAmount(form.querySelector('[name="discount"]').value);
    form.querySelector(".calc-subtotal").textContent = subtotal.toLocaleString(pageLanguage);
    form.querySelector(".calc-total").textContent = (subtotal + fee - discount).toLocaleString(pageLanguage);
  }

  function renumberRows(form) {
    var rows = form.querySelectorAll(".item-rows tbody .item-row");
    rows.forEach(function (row, index) {
      row.querySelectorAll("input").forEach(function (input) {
        input.name = input.name.replace(/^items-(\d+|__prefix__)-/, "items-" + index + "-");
      });
    });
    form.querySelector('[name="items-TOTAL_FORMS"]').value = rows.length;
  }

  document.addEventListener("click", function (event) {
    var form = event.target.closest(".order-form");
    if (!form) return;
    if (event.target.closest(".add-item")) {
      var template = document.getElementById("item-row-template");
      var row = template.content.firstElementChild.cloneNode(true);
      form.querySelector(".item-rows tbody").appendChild(row);
      renumberRows(form);
      row.querySelector("input").focus();
    } else if (event.target.closest(".remove-item")) {
      event.target.closest(".item-row").remove();
      renumberRows(form);
      recomputeTotals();
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.closest(".order-form")) recomputeTotals();
  });
  document.addEventListener("DOMContentLoaded", recomputeTotals);
})();
