extension Templates {
    static let passwordChange = #"""
    {{<layout}}
    {{$main}}
    {{#required}}<p>An administrator set your password. Choose your own now: the one you were given stops working.</p>{{/required}}
    <form method="post" action="/account/password" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <label for="current_password">Current password</label>
      <input type="password" id="current_password" name="current_password" autocomplete="current-password" required>
      <label for="password">New password (at least 10 characters)</label>
      <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required>
      <label for="password_confirmation">The same password again</label>
      <input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="10" required>
      <p><button type="submit">Set my password</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
