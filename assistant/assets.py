"""The app's own CSS and script: constants only, with no project text in them, so the pages can
pass them to ``st.html`` as they are (the script with ``unsafe_allow_javascript``)."""

from __future__ import annotations

PAGE_CSS = """
<style>
.pb-text { white-space: pre-wrap; line-height: 1.6; overflow-wrap: anywhere; }
.pb-excerpt { border-left: 3px solid rgba(250, 200, 40, 0.9); padding: 0.1rem 0 0.1rem 0.8rem;
  font-size: 0.93rem; }
.pb-list { columns: 3 12em; column-gap: 2rem; }
[id^="section-"] { scroll-margin-top: 4rem; }
.pb-text mark { background: rgba(255, 214, 10, 0.45); color: inherit; padding: 0.05rem 0; }
.pb-text strong { font-weight: 600; }
[data-testid="stAppDeployButton"] { display: none; }
</style>
"""

# Our own constant script (no project text in it): once per page load, keep the section named in
# the URL's #fragment at the top while the page is still rendering, until the visitor scrolls.
SCROLL_TO_ANCHOR = """
<script>
(() => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || window.__pbAnchored === window.location.href) return;
  window.__pbAnchored = window.location.href;
  let steady = 0, ticks = 0, stopped = false;
  const stop = () => { stopped = true; };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(
    (name) => window.addEventListener(name, stop, { once: true, passive: true }));
  const timer = setInterval(() => {
    ticks += 1;
    const el = document.getElementById(id);
    if (el && !stopped) {
      const top = el.getBoundingClientRect().top;
      if (Math.abs(top - 64) > 8) { el.scrollIntoView({ block: "start" }); steady = 0; }
      else { steady += 1; }
    }
    if (stopped || steady >= 6 || ticks > 60) clearInterval(timer);
  }, 150);
})();
</script>
"""
