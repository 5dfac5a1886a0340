extension Templates {
    static let passwordChange = #"""
    {{<layout}}
    {{$main}}
    {{#required}}<p>[[password.required]]</p>{{/required}}
    <form method="post" action="/account/password" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <label for="current_password">[[password.current]]</label>
      <input type="password" id="current_password" name="current_password" autocomplete="current-password" required>
      <label for="password">[[password.new]]</label>
      <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required>
      <label for="password_confirmation">[[password.again]]</label>
      <input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="10" required>
      <p><button type="submit">[[password.submit]]</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
