extension Templates {
    /// Landmarks (header, nav, main, footer), a skip link to the main content, the signed-in
    /// user's navigation and sign-out form, and the step's notice or error.
    static let layout = #"""
    <!doctype html>
    <html lang="[[@lang]]">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{frame.title}} · Closeloop</title>
    <link rel="stylesheet" href="/static/closeloop.css">
    </head>
    <body>
    <a class="skip-link" href="#main">[[layout.skip]]</a>
    <header class="site-header">
      <div class="brand"><a href="/">Closeloop</a></div>
      {{#frame.signedIn}}
      <nav aria-label="[[layout.nav_label]]">
        <ul>
          {{#frame.nav}}
          <li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
          {{/frame.nav}}
        </ul>
      </nav>
      <div class="account">
        <span>{{frame.userEmail}} · {{frame.roleLabel}} · <a href="/account">[[layout.account]]</a></span>
        <form method="post" action="/logout">
          <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
          <button type="submit" class="link-button">[[layout.sign_out]]</button>
        </form>
      </div>
      {{/frame.signedIn}}
    </header>
    <main id="main" tabindex="-1">
      <h1>{{frame.title}}</h1>
      {{#frame.notice}}<p class="notice" role="status">{{frame.notice}}</p>{{/frame.notice}}
      {{#frame.error}}<p class="error" role="alert">{{frame.error}}</p>{{/frame.error}}
      {{$main}}{{/main}}
    </main>
    <footer>
      <p>[[layout.footer]]</p>
      {{#frame.demoData}}<p id="demo-data-notice">[[layout.demo_data]]</p>{{/frame.demoData}}
    </footer>
    </body>
    </html>
    """#

    static let error = #"""
    {{<layout}}
    {{$main}}
    <p>{{message}}</p>
    <p><a href="{{backHref}}">{{backLabel}}</a></p>
    {{/main}}
    {{/layout}}
    """#

    static let login = #"""
    {{<layout}}
    {{$main}}
    <form method="post" action="/login" class="stack" aria-describedby="login-help">
      <input type="hidden" name="csrf_token" value="{{loginCSRF}}">
      <input type="hidden" name="next" value="{{next}}">
      <p id="login-help" class="muted">[[login.help]]</p>
      {{#firstRun}}<p class="notice" id="first-run">{{firstRun}}</p>{{/firstRun}}
      <label for="email">[[login.email]]</label>
      <input type="email" id="email" name="email" value="{{email}}" autocomplete="username" required>
      <label for="password">[[login.password]]</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required>
      <p><button type="submit">[[login.submit]]</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
