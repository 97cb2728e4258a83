// Likes and the 最新 / 最热 order of the comments under a cached article.
// The page is the same for every reader: the counts, and what this reader
// liked, come from the list's data-comment-list URL (never cached). 最新 is
// the list on the page; 最热 ranks all the article's comments, so its list
// comes from the 最热 link's page under /feedback/ (never cached either),
// loaded here in place of the list (no query string on the article's URL).
(function () {
    "use strict";
    var list = document.querySelector("[data-comment-list]");
    if (!list || !window.fetch || !window.DOMParser) {
        return;
    }
    var order = document.querySelector("[data-comment-order]");
    var liked = {};
    var likes = {};
    // What each order shows: its items and its page links.
    var shown = list.getAttribute("data-order-shown") || "newest";
    var views = {};
    views[shown] = {items: children(list), pages: document.querySelector("[data-comment-pages]")};

    function children(element) {
        return Array.prototype.slice.call(element.children);
    }

    function show(item, count, isLiked) {
        var pk = item.getAttribute("data-comment");
        likes[pk] = count;
        item.setAttribute("data-likes", String(count));
        var counter = item.querySelector("[data-like-count]");
        if (counter) {
            counter.textContent = count ? String(count) : "";
        }
        var button = item.querySelector(".comment-like__button");
        if (button && isLiked) {
            button.setAttribute("aria-pressed", "true");
            button.classList.add("comment-like__button--liked");
        }
    }

    function refresh() {
        Array.prototype.forEach.call(list.querySelectorAll("[data-comment]"), function (item) {
            var pk = item.getAttribute("data-comment");
            show(item, likes[pk] || 0, liked[pk]);
        });
    }

    function mark(by) {
        if (!order) {
            return;
        }
        Array.prototype.forEach.call(order.querySelectorAll("[data-order]"), function (link) {
            if (link.getAttribute("data-order") === by) {
                link.setAttribute("aria-current", "true");
            } else {
                link.removeAttribute("aria-current");
            }
        });
    }

    function put(by) {
        var view = views[by];
        var current = document.querySelector("[data-comment-pages]");
        list.textContent = "";
        view.items.forEach(function (item) { list.appendChild(item); });
        if (current) {
            current.parentNode.removeChild(current);
        }
        if (view.pages) {
            list.parentNode.insertBefore(view.pages, list.nextSibling);
        }
        shown = by;
        refresh();
        mark(by);
    }

    function load(by, url) {
        return fetch(url, {credentials: "same-origin", headers: {"Accept": "text/html"}})
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html === null) {
                    return false;
                }
                var page = new DOMParser().parseFromString(html, "text/html");
                var other = page.querySelector("[data-comment-list]");
                if (!other) {
                    return false;
                }
                var pages = page.querySelector("[data-comment-pages]");
                views[by] = {
                    items: children(other).map(function (item) { return document.importNode(item, true); }),
                    pages: pages ? document.importNode(pages, true) : null
                };
                // The 最热 page's counts are the newest there are.
                views[by].items.forEach(function (item) {
                    var counter = item.querySelector("[data-like-count]");
                    likes[item.getAttribute("data-comment")] = parseInt(counter && counter.textContent, 10) || 0;
                });
                return true;
            });
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
            (data.liked || []).forEach(function (pk) { liked[String(pk)] = true; });
            Object.keys(data.likes || {}).forEach(function (pk) { likes[pk] = data.likes[pk]; });
            refresh();
        })
        .catch(function () {});

    if (order) {
        order.addEventListener("click", function (event) {
            var link = event.target.closest("[data-order]");
            if (!link) {
                return;
            }
            var by = link.getAttribute("data-order");
            if (by === shown) {
                event.preventDefault();
                return;
            }
            if (views[by] && by !== "hottest") {
                event.preventDefault();
                put(by);
                return;
            }
            if (by !== "hottest") {
                return;  // a page of its own: follow the link
            }
            // 最热 is loaded afresh each time: likes change its order.
            event.preventDefault();
            load(by, link.href)
                .then(function (done) {
                    if (done) {
                        put(by);
                    } else {
                        window.location.href = link.href;
                    }
                })
                .catch(function () { window.location.href = link.href; });
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
                    liked[item.getAttribute("data-comment")] = true;
                    show(item, result.data.likes, true);
                    message.textContent = "";
                } else {
                    message.textContent = result.data.error || "";
                }
            })
            .catch(function () {});
    });
})();
