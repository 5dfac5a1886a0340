extension Templates {
    static let adminUsers = #"""
    {{<layout}}
    {{$main}}
    <p>Disable a user to end their sessions and stop their API tokens at once; open a user to reset a password or revoke a token.</p>
    <table>
      <caption>{{count}} users, by email</caption>
      <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Organization or schools</th><th scope="col">Status</th><th scope="col">API tokens</th><th scope="col">Last sign-in</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr><th scope="row"><a href="{{href}}">{{email}}</a></th><td>{{name}}</td><td>{{role}}</td><td>{{scope}}</td><td>{{status}}</td><td>{{tokens}}</td><td>{{lastLogin}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/main}}
    {{/layout}}
    """#

    static let adminUser = #"""
    {{<layout}}
    {{$main}}
    <p><a href="/admin/users">All users</a></p>
    {{#generatedPassword}}
    <section class="card" aria-labelledby="new-password-heading">
      <h2 id="new-password-heading">New password</h2>
      <p>The new password for {{row.email}} is <strong><code id="new-password">{{generatedPassword}}</code></strong>.</p>
      <p class="muted">It is shown only this once. Give it to the user in person or by phone, not by email.</p>
    </section>
    {{/generatedPassword}}
    {{#row}}
    <dl class="facts">
      <dt>Id</dt><dd>{{userID}}</dd>
      <dt>Name</dt><dd>{{name}}</dd>
      <dt>Phone</dt><dd>{{phone}}</dd>
      <dt>Role</dt><dd>{{role}}</dd>
      <dt>Organization or schools</dt><dd>{{scope}}</dd>
      <dt>Status</dt><dd>{{status}}</dd>
      <dt>API tokens that work</dt><dd>{{tokens}}</dd>
      <dt>Last sign-in</dt><dd>{{lastLogin}}</dd>
    </dl>
    {{/row}}
    <h2>[[profile.heading]]</h2>
    {{>profile-fields}}
    <h2>Access</h2>
    {{#disabled}}
    <form method="post" action="/admin/users/{{userID}}/enable" class="actions">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <button type="submit">Enable this user</button>
    </form>
    {{/disabled}}
    {{^disabled}}
    {{#isSelf}}<p class="muted">This is your own account: another administrator can disable it.</p>{{/isSelf}}
    {{^isSelf}}
    <form method="post" action="/admin/users/{{userID}}/disable" class="actions" aria-describedby="disable-help">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <p id="disable-help" class="muted">Ends their browser sessions and stops their API tokens now. Enabling later restores the tokens.</p>
      <button type="submit" class="danger">Disable this user</button>
    </form>
    {{/isSelf}}
    {{/disabled}}
    <h2>Password</h2>
    <p class="muted">A new password ends the user's other browser sessions.</p>
    <form method="post" action="/admin/users/{{userID}}/password" class="actions">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="mode" value="generate">
      <button type="submit">Generate a new password</button>
    </form>
    <form method="post" action="/admin/users/{{userID}}/password" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="mode" value="typed">
      <label for="password">New password (at least 10 characters)</label>
      <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required>
      <label for="password_confirmation">The same password again</label>
      <input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="10" required>
      <p><button type="submit">Set this password</button></p>
    </form>
    <h2>API tokens</h2>
    {{#hasTokens}}
    <table>
      <caption>Every token issued to this user, newest first</caption>
      <thead><tr><th scope="col">Token</th><th scope="col">Starts with</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
      <tbody>
      {{#tokens}}
      <tr><th scope="row">{{id}}</th><td>{{prefix}}</td><td>{{created}}</td><td>{{expires}}</td><td>{{status}}</td>
        <td>{{#active}}<form method="post" action="/admin/users/{{userID}}/tokens/{{id}}/revoke">
          <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
          <button type="submit" class="danger">Revoke<span class="visually-hidden"> token {{id}}</span></button>
        </form>{{/active}}</td></tr>
      {{/tokens}}
      </tbody>
    </table>
    {{/hasTokens}}
    {{^hasTokens}}<p>This user has no API tokens.</p>{{/hasTokens}}
    <p class="muted">Issue or rotate tokens from the command line: <code>closeloop user add-token</code>, <code>closeloop user rotate-token</code>.</p>
    {{/main}}
    {{/layout}}
    """#
}
