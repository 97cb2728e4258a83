// Likes and the 最新 / 最热 order of the comments under a cached article.
// The page is the same for every reader: the counts, and what this reader
// liked, come from the list's data-comment-list URL (never cached), and the
// order is chosen here, on the list already on the page (no query string).
(function () {
    "use strict";
    var list = document.querySelector("[data-comment-list]");
    if (!list || !window.fetch) {
        return;
    }
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-comment]"));
    var order = document.querySelector("[data-comment-order]");

    function number(item, name) {
        return parseInt(item.getAttribute(name) || "0", 10) || 0;
    }

    function show(item, likes, liked) {
        item.setAttribute("data-likes", String(likes));
        var count = item.querySelector("[data-like-count]");
        if (count) {
            count.textContent = likes ? String(likes) : "";
        }
        var button = item.querySelector(".comment-like__button");
        if (button && liked) {
            button.setAttribute("aria-pressed", "true");
            button.classList.add("comment-like__button--liked");
        }
    }

    function sort(by) {
        var sorted = items.slice().sort(function (a, b) {
            var keys = ["data-pinned", "data-featured"];
            if (by === "hottest") {
                keys.push("data-likes");
            }
            keys.push("data-created");
            for (var i = 0; i < keys.length; i += 1) {
                var difference = number(b, keys[i]) - number(a, keys[i]);
                if (difference) {
                    return difference;
                }
            }
            return number(b, "data-comment") - number(a, "data-comment");
        });
        sorted.forEach(function (item) { list.appendChild(item); });
        if (order) {
            Array.prototype.forEach.call(order.querySelectorAll("[data-order]"), function (button) {
                button.setAttribute("aria-pressed", String(button.getAttribute("data-order") === by));
            });
        }
    }

    fetch(list.getAttribute("data-comment-list"), {
        credentials: "same-origin",
        headers: {"Accept": "application/json"}
    })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
            if (!data) {
                return;
            }
            var liked = {};
            (data.liked || []).forEach(function (pk) { liked[String(pk)] = true; });
            items.forEach(function (item) {
                var pk = item.getAttribute("data-comment");
                show(item, (data.likes || {})[pk] || 0, liked[pk]);
            });
            if (order) {
                order.hidden = false;
            }
        })
        .catch(function () {});

    if (order) {
        order.addEventListener("click", function (event) {
            var button = event.target.closest("[data-order]");
            if (button) {
                sort(button.getAttribute("data-order"));
            }
        });
    }

    list.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.hasAttribute("data-like-form")) {
            return;
        }
        event.preventDefault();
        var item = form.closest("[data-comment]");
        var message = form.querySelector("[data-like-message]");
        fetch(form.action, {
            method: "POST",
            credentials: "same-origin",
            headers: {"Accept": "application/json"}
        })
            .then(function (response) {
                return response.json().then(function (data) {
                    return {ok: response.ok, data: data};
                });
            })
            .then(function (result) {
                if (result.ok) {
                    show(item, result.data.likes, true);
                    message.textContent = "";
                } else {
                    message.textContent = result.data.error || "";
                }
            })
            .catch(function () {});
    });
})();
