import Hummingbird

/// The one stylesheet, served by the app so the pages need nothing else. Colours keep at least
/// 4.5:1 contrast for text and 3:1 for focus rings and chart marks (WCAG 2.1 AA); focus is always
/// visible; nothing depends on colour alone (states are also written out).
enum StaticAssets {
    static let stylesheetPath = "/static/closeloop.css"

    static func stylesheet() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: css)))
    }

    static let css = #"""
    :root { --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --paper: #ffffff; --tint: #f3f5f8;
            --accent: #0b57d0; --accent-dark: #083f99; --ok: #146c2e; --warn: #8a4b00; --bad: #b3261e; --focus: #ffbf47; }
    * { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 100%; color: var(--ink); background: var(--paper); }
    body { margin: 0; line-height: 1.5; }
    a { color: var(--accent); }
    a:hover { color: var(--accent-dark); }
    :focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .skip-link { position: absolute; left: -10000px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
    .skip-link:focus { left: 1rem; top: 1rem; }
    .site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .75rem 1.5rem; background: #102a43; color: #fff; }
    .site-header a { color: #fff; }
    .brand a { font-weight: 700; font-size: 1.25rem; text-decoration: none; }
    .site-header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
    .site-header nav a { text-decoration: none; padding: .25rem .1rem; border-bottom: 3px solid transparent; }
    .site-header nav a[aria-current="page"] { border-bottom-color: var(--focus); font-weight: 600; }
    .site-header nav a:hover { border-bottom-color: #fff; }
    .account { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
    .account form { margin: 0; }
    .link-button { background: none; border: 1px solid #fff; color: #fff; padding: .2rem .7rem; border-radius: 4px; cursor: pointer; font: inherit; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    main:focus { outline: none; }
    h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
    h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
    .notice, .error { padding: .75rem 1rem; border-radius: 4px; border-left: 6px solid; }
    .notice { background: #e7f4ea; border-color: var(--ok); }
    .error { background: #fbe9e7; border-color: var(--bad); }
    .muted { color: var(--muted); }
    form.stack label, form.stack legend { display: block; font-weight: 600; margin-top: .75rem; }
    input[type=text], input[type=email], input[type=tel], input[type=password], input[type=number], input[type=date], select, textarea {
        font: inherit; padding: .4rem .5rem; border: 1px solid #6b7480; border-radius: 4px; min-width: 12rem; max-width: 100%; background: #fff; color: var(--ink); }
    fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0; padding: .5rem 1rem .75rem; }
    fieldset label { font-weight: normal; display: inline-flex; align-items: center; gap: .3rem; margin: .2rem 1rem .2rem 0; }
    .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .25rem 1rem; align-items: end; }
    .filters label { display: block; font-weight: 600; margin-top: .5rem; }
    button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
    button:hover, .button:hover { background: var(--accent-dark); color: #fff; }
    button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
    button.danger { background: var(--bad); }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
    .actions form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-end; margin: 0; padding: .4rem; border: 1px solid var(--line); border-radius: 4px; background: var(--tint); }
    .actions label { font-size: .9rem; font-weight: 600; display: flex; flex-direction: column; }
    .actions input, .actions select { min-width: 9rem; }
    .actions label.confirm { flex-direction: row; align-items: center; gap: .3rem; }
    /* A checkbox keeps its own size: the inputs' minimum width left it floating far from its words. */
    .actions input[type=checkbox] { min-width: 0; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    /* A caption kept above its sideways-scrolling box (a <caption> scrolls with the table and is cut at 390 px). */
    .table-caption { font-weight: 600; padding: .25rem 0; margin: 0; }
    th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: var(--tint); }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    .state { display: inline-block; padding: 0 .5rem; border-radius: 999px; border: 1px solid currentColor; font-size: .9rem; white-space: nowrap; }
    .state-connected, .state-closed { color: var(--ok); }
    .state-declined, .state-cancelled, .state-unreachable { color: var(--bad); }
    .state-waitlisted, .state-referred { color: var(--warn); }
    .state-accepted, .state-scheduled { color: var(--accent-dark); }
    .cards { list-style: none; padding: 0; display: grid; gap: 1rem; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
    .card h3 { margin-top: 0; }
    /* A card that opens with its heading (the phone check-in) has no empty band above it. */
    .card > h2:first-child { margin-top: 0; }
    .reasons { margin: .25rem 0; padding-left: 1.2rem; }
    .gap { border-left: 6px solid var(--warn); background: #fff4e5; padding: .5rem 1rem; margin: .5rem 0; }
    .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 1rem; list-style: none; padding: 0; }
    .figures li { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
    .figures .value { display: block; font-size: 1.8rem; font-weight: 700; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(26rem, 100%), 1fr)); gap: 1.5rem; }
    figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
    figcaption { font-weight: 600; margin-bottom: .5rem; }
    svg.chart { width: 100%; height: auto; display: block; }
    svg.chart text { font-family: inherit; font-size: 12px; fill: var(--ink); }
    details summary { cursor: pointer; color: var(--accent); }
    /* minmax(0, …) and anywhere: a long web address, email or hours line wraps inside the column
       instead of widening the page (a grid track's minimum is otherwise its longest word). */
    dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .sites li { overflow-wrap: anywhere; }
    footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: .9rem; }
    .sites { padding-left: 1.2rem; }
    .sites li { margin-bottom: .5rem; }
    dd.not-listed { color: var(--muted); font-style: italic; }
    /* A phone number stays on one line: broken at its hyphen it reads as two numbers. */
    a[href^="tel:"] { white-space: nowrap; }
    /* A date (2026-11-16) stays on one line too: broken at a hyphen it reads as two. */
    td.date { white-space: nowrap; }
    pre.message { font: inherit; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--tint); border: 1px solid var(--line); border-radius: 4px; padding: .75rem 1rem; max-width: 40rem; }
    .handout main { max-width: 48rem; }
    .handout .lead { font-size: 1.15rem; }
    /* Tables of identifiers (an admin's users, a user's tokens) cannot wrap into a phone's width
       readably: on a phone they scroll inside their own focusable box, never the page. */
    /* Positioned, so the visually hidden labels of its buttons (absolutely placed) stay inside the box. */
    .table-scroll { overflow-x: auto; position: relative; }
    .table-scroll:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
    /* A phone (390 px): tables and long words wrap inside the page instead of widening it. */
    @media (max-width: 40rem) {
        .table-scroll th, .table-scroll td { overflow-wrap: normal; white-space: nowrap; }
        /* A heading that is an email (an admin's user page) breaks rather than widen the page. */
        h1 { overflow-wrap: anywhere; }
        main { padding: .75rem .75rem 2rem; }
        th, td { padding: .35rem .3rem; overflow-wrap: anywhere; }
        /* Row headers (a barrier, a school) keep their words whole; the data cells give way. */
        th[scope="row"] { overflow-wrap: normal; hyphens: auto; }
        table { font-size: .9rem; }
        /* Wide lists (the follow-ups, a referral's history) are one block per row on a phone, each
           value after its column's name (data-label), instead of seven columns a few letters wide
           that broke words letter by letter. The header row stays for screen readers. */
        table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack caption { display: block; }
        table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
        table.stack td { border: 0; padding: .1rem 0; overflow-wrap: break-word; }
        table.stack td::before { content: attr(data-label) ": "; font-weight: 600; }
        table.stack td:empty { display: none; }
        dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0 1rem; }
        dl.facts dd { margin-bottom: .4rem; }
        input[type=text], input[type=email], input[type=tel], input[type=password], input[type=number], input[type=date], select, textarea { min-width: 0; width: 100%; }
    }
    /* The family handout and any page printed: no navigation, no buttons, black on white. */
    @media print {
        .site-header, footer, .skip-link, .no-print, nav, form { display: none !important; }
        html, body { background: #fff; color: #000; font-size: 12pt; }
        main { max-width: none; padding: 0; }
        a { color: #000; text-decoration: none; }
        pre.message { border: 0; background: none; padding: 0; }
        .card, figure, dl.facts { break-inside: avoid; }
    }
    """#
}
