extension Templates {
    static let adminUsers = #"""
    {{<layout}}
    {{$main}}
    <p>[[admin.users.intro]]</p>
    <div class="table-scroll" role="region" aria-label="{{caption}}" tabindex="0">
    <table>
      <caption>{{caption}}</caption>
      <thead><tr><th scope="col">[[admin.col.email]]</th><th scope="col">[[admin.col.name]]</th><th scope="col">[[admin.col.role]]</th><th scope="col">[[admin.col.scope]]</th><th scope="col">[[admin.col.status]]</th><th scope="col">[[admin.col.tokens]]</th><th scope="col">[[admin.col.last_login]]</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr><th scope="row"><a href="{{href}}">{{email}}</a></th><td>{{name}}</td><td>{{role}}</td><td>{{scope}}</td><td>{{status}}</td><td>{{tokens}}</td><td>{{lastLogin}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    </div>
    {{/main}}
    {{/layout}}
    """#

    static let adminUser = #"""
    {{<layout}}
    {{$main}}
    <p><a href="/admin/users">[[admin.user.all_users]]</a></p>
    {{#generatedPassword}}
    <section class="card" aria-labelledby="new-password-heading">
      <h2 id="new-password-heading">[[admin.user.new_password_heading]]</h2>
      <p>[[admin.user.new_password_for]] {{row.email}}: <strong><code id="new-password">{{generatedPassword}}</code></strong></p>
      <p class="muted">[[admin.user.shown_once]]</p>
    </section>
    {{/generatedPassword}}
    {{#row}}
    <dl class="facts">
      <dt>[[admin.fact.id]]</dt><dd>{{userID}}</dd>
      <dt>[[admin.col.name]]</dt><dd>{{name}}</dd>
      <dt>[[admin.fact.phone]]</dt><dd>{{phone}}</dd>
      <dt>[[admin.col.role]]</dt><dd>{{role}}</dd>
      <dt>[[admin.col.scope]]</dt><dd>{{scope}}</dd>
      <dt>[[admin.col.status]]</dt><dd>{{status}}</dd>
      <dt>[[admin.fact.tokens_working]]</dt><dd>{{tokens}}</dd>
      <dt>[[admin.col.last_login]]</dt><dd>{{lastLogin}}</dd>
    </dl>
    {{/row}}
    <h2>[[profile.heading]]</h2>
    {{>profile-fields}}
    <h2>[[admin.user.access]]</h2>
    {{#disabled}}
    <form method="post" action="/admin/users/{{userID}}/enable" class="actions">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <button type="submit">[[admin.user.enable]]</button>
    </form>
    {{/disabled}}
    {{^disabled}}
    {{#isSelf}}<p class="muted">[[admin.user.own_account]]</p>{{/isSelf}}
    {{^isSelf}}
    <form method="post" action="/admin/users/{{userID}}/disable" class="actions" aria-describedby="disable-help">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <p id="disable-help" class="muted">[[admin.user.disable_help]]</p>
      <button type="submit" class="danger">[[admin.user.disable]]</button>
    </form>
    {{/isSelf}}
    {{/disabled}}
    <h2>[[admin.user.password]]</h2>
    <p class="muted">[[admin.user.password_help]]</p>
    <form method="post" action="/admin/users/{{userID}}/password" class="actions">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="mode" value="generate">
      <button type="submit">[[admin.user.generate]]</button>
    </form>
    <form method="post" action="/admin/users/{{userID}}/password" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="mode" value="typed">
      <label for="password">[[admin.user.new_password_label]]</label>
      <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required>
      <label for="password_confirmation">[[admin.user.password_again]]</label>
      <input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="10" required>
      <p><button type="submit">[[admin.user.set_password]]</button></p>
    </form>
    <h2>[[admin.col.tokens]]</h2>
    {{#hasTokens}}
    <p id="tokens-caption" class="table-caption">[[admin.tokens.caption]]</p>
    <div class="table-scroll" role="region" aria-labelledby="tokens-caption" tabindex="0">
    <table aria-labelledby="tokens-caption">
      <thead><tr><th scope="col">[[admin.tokens.col.token]]</th><th scope="col">[[admin.tokens.col.prefix]]</th><th scope="col">[[admin.tokens.col.issued]]</th><th scope="col">[[admin.tokens.col.expires]]</th><th scope="col">[[admin.col.status]]</th><th scope="col"><span class="visually-hidden">[[admin.col.action]]</span></th></tr></thead>
      <tbody>
      {{#tokens}}
      <tr><th scope="row">{{id}}</th><td>{{prefix}}</td><td>{{created}}</td><td>{{expires}}</td><td>{{status}}</td>
        <td>{{#active}}<form method="post" action="/admin/users/{{userID}}/tokens/{{id}}/revoke">
          <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
          <button type="submit" class="danger">[[admin.tokens.revoke]]<span class="visually-hidden"> [[admin.tokens.col.token]] {{id}}</span></button>
        </form>{{/active}}</td></tr>
      {{/tokens}}
      </tbody>
    </table>
    </div>
    {{/hasTokens}}
    {{^hasTokens}}<p>[[admin.tokens.none_user]]</p>{{/hasTokens}}
    <p class="muted">[[admin.tokens.cli]] <code>closeloop user add-token</code>, <code>closeloop user rotate-token</code>.</p>
    {{/main}}
    {{/layout}}
    """#
}
