// Suggestions as you type, for every input with data-suggest (the header's search box, the finder's region):
// a debounced fetch of the search's JSON, up/down to move, enter to open (or fill, with data-suggest-fill),
// escape to close. Plain DOM, no library; nothing is fetched from another host.
(function () {
  "use strict";
  var DELAY = 180;
  var MIN_LENGTH = 2;

  function attach(input) {
    var box = input.parentElement.querySelector(".suggestions");
    if (!box || input.dataset.suggestReady) return; // the script may be included twice
    input.dataset.suggestReady = "yes";
    var fill = input.getAttribute("data-suggest-fill");
    var timer = null;
    var asked = 0;
    var active = -1;
    var items = [];
    input.setAttribute("aria-autocomplete", "list");
    box.setAttribute("role", "listbox");

    function close() {
      box.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function highlight(index) {
      var links = box.querySelectorAll("a");
      active = links.length ? (index + links.length) % links.length : -1;
      for (var i = 0; i < links.length; i++) {
        links[i].classList.toggle("active", i === active);
        links[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      if (active >= 0) links[active].scrollIntoView({block: "nearest"});
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      if (fill) {
        input.value = item[fill] || item.name;
        close();
      } else {
        window.location.href = item.url;
      }
    }

    function show(found) {
      items = found;
      box.textContent = "";
      if (!found.length) {
        var none = document.createElement("div");
        none.className = "kind";
        none.textContent = "No region, actor or service of that name";
        box.appendChild(none);
      }
      found.forEach(function (item, index) {
        var link = document.createElement("a");
        link.href = item.url;
        link.setAttribute("role", "option");
        link.dataset.kind = item.kind;
        link.textContent = item.name;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = item.kind + (item.code ? " " + item.code : "");
        link.appendChild(kind);
        if (item.detail) {
          var detail = document.createElement("span");
          detail.className = "kind";
          detail.textContent = item.detail;
          link.appendChild(document.createElement("br"));
          link.appendChild(detail);
        }
        link.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input until the choice is made
          choose(index);
        });
        box.appendChild(link);
      });
      active = -1;
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) {
        close();
        return;
      }
      var mine = ++asked;
      var url = input.getAttribute("data-suggest") + "&q=" + encodeURIComponent(text);
      fetch(url, {headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {items: []}; })
        .then(function (body) { if (mine === asked && document.activeElement === input) show(body.items || []); })
        .catch(function () { /* no suggestions; the form still submits */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (box.hidden) return;
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && !box.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 120); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
