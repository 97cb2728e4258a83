// The signed-in state of a verified reader, shown in the feedback form of a
// cached article page: asked from /readers/me.json (never cached), so the
// page itself stays the same for every reader.
(function () {
    "use strict";
    var box = document.querySelector("[data-reader-state]");
    if (!box || !window.fetch) {
        return;
    }
    fetch(box.getAttribute("data-reader-state"), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
            if (!state || !state.verified) {
                return;
            }
            var next = encodeURIComponent(box.getAttribute("data-next") || "");
            var text = box.querySelector(".reader-state__text");
            var link = box.querySelector(".reader-state__link");
            box.classList.add("reader-state--verified");
            if (state.needs_nickname) {
                text.textContent = box.getAttribute("data-text-needs-nickname");
                link.href = "/readers/nickname/?next=" + next;
            } else if (state.needs_consent) {
                text.textContent = box.getAttribute("data-text-needs-consent");
                link.href = "/readers/consent/?next=" + next;
            } else {
                text.textContent = box.getAttribute("data-text-signed-in") + " " + state.nickname;
                link.textContent = box.getAttribute("data-text-account");
                link.href = state.account_url + "?next=" + next;
            }
        })
        .catch(function () {});
})();
