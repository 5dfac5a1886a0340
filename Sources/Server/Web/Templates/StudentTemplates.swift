extension Templates {
    static let students = #"""
    {{<layout}}
    {{$main}}
    <p><a class="button" href="/coordinator/students/new">Register a student</a></p>
    <form method="get" action="/coordinator/students" class="actions" role="search">
      <label for="q">District student id starts with <input type="text" id="q" name="q" value="{{search}}"></label>
      <button type="submit">Search</button>
    </form>
    {{#hasStudents}}
    <table>
      <caption>Students in your schools, newest first</caption>
      <thead><tr><th scope="col">District student id</th><th scope="col">School</th><th scope="col">Grade</th><th scope="col" class="number">Age</th></tr></thead>
      <tbody>
      {{#students}}
      <tr><td><a href="{{href}}">{{districtID}}</a></td><td>{{school}}</td><td>{{grade}}</td><td class="number">{{age}}</td></tr>
      {{/students}}
      </tbody>
    </table>
    {{/hasStudents}}
    {{^hasStudents}}<p>No students found.</p>{{/hasStudents}}
    {{/main}}
    {{/layout}}
    """#

    static let studentNew = #"""
    {{<layout}}
    {{$main}}
    <form method="post" action="/coordinator/students" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="return_service" value="{{returnService}}">
      <input type="hidden" name="return_barrier" value="{{returnBarrier}}">
      <input type="hidden" name="return_tier" value="{{returnTier}}">
      <p class="muted">Students are registered by their district id only — no names.</p>
      <label for="district_student_id">District student id</label>
      <input type="text" id="district_student_id" name="district_student_id" value="{{districtID}}" required autocomplete="off">
      <label for="school_id">School</label>
      <select id="school_id" name="school_id" required><option value="">Choose a school</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select>
      <label for="grade">Grade</label>
      <select id="grade" name="grade"><option value="">Not stated</option>{{#grades}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/grades}}</select>
      <label for="age">Age</label>
      <input type="number" id="age" name="age" min="0" max="25" value="{{age}}">
      <fieldset>
        <legend>Family languages</legend>
        {{#languages}}<label><input type="checkbox" name="language" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/languages}}
      </fieldset>
      <fieldset>
        <legend>Student groups (for reports; shared with a partner only if the family agrees)</legend>
        {{#groups}}<label><input type="checkbox" name="group" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/groups}}
      </fieldset>
      <p><button type="submit">Register student</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#

    /// The consent fields; rendered inside a `ConsentForm` section.
    static let consentFields = #"""
    <fieldset>
      <legend>[[consent.legend]]{{#organizationName}} [[consent.with]] {{organizationName}}{{/organizationName}}</legend>
      {{#hasOrganizationChoice}}
      <label for="consent_organization">[[fact.organization]]</label>
      <select id="consent_organization" name="organization_id" required><option value="">[[consent.choose_org]]</option>{{#organizations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/organizations}}</select>
      {{/hasOrganizationChoice}}
      <label for="consent_given_by">[[consent.given_by]]</label>
      <input type="text" id="consent_given_by" name="consent_given_by" value="{{givenBy}}">
      <label for="consent_method">[[consent.how]]</label>
      <select id="consent_method" name="consent_method">{{#methods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/methods}}</select>
      <label for="consent_given_on">[[consent.given_on]]</label>
      <input type="date" id="consent_given_on" name="consent_given_on" value="{{givenOn}}">
      <label for="consent_expires_on">[[consent.expires_on]]</label>
      <input type="date" id="consent_expires_on" name="consent_expires_on" value="{{expiresOn}}">
      <fieldset>
        <legend>[[consent.may_see]]</legend>
        {{#fields}}<label><input type="checkbox" name="consent_share" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/fields}}
      </fieldset>
    </fieldset>
    """#

    static let student = #"""
    {{<layout}}
    {{$main}}
    <dl class="facts">
      <dt>District student id</dt><dd>{{districtID}}</dd>
      <dt>School</dt><dd>{{school}}</dd>
      <dt>Grade</dt><dd>{{grade}}</dd>
      <dt>Age</dt><dd>{{age}}</dd>
      <dt>Family languages</dt><dd>{{languages}}</dd>
      <dt>Student groups</dt><dd>{{groups}}</dd>
    </dl>
    <p><a class="button" href="{{matchHref}}">Match services for this student</a></p>
    <h2>Referrals</h2>
    {{#hasReferrals}}
    <table>
      <caption>Every referral for this student, newest first</caption>
      <thead><tr><th scope="col">Barrier</th><th scope="col">Service</th><th scope="col">Organization</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Sent</th><th scope="col">Follow-up</th></tr></thead>
      <tbody>
      {{#referrals}}
      <tr><td><a href="{{href}}">{{barrier}}</a></td><td>{{service}}</td><td>{{organization}}</td><td><span class="state {{stateClass}}">{{state}}</span></td>
          <td>{{created}}</td><td>{{sent}}</td><td>{{followUpMessage}}</td></tr>
      {{/referrals}}
      </tbody>
    </table>
    {{/hasReferrals}}
    {{^hasReferrals}}<p>No referrals yet. <a href="{{matchHref}}">Find a service</a> to refer this student to.</p>{{/hasReferrals}}
    <h2>Consents</h2>
    {{#hasConsents}}
    <table>
      <caption>Consents to share with partner organizations</caption>
      <thead><tr><th scope="col">Organizations</th><th scope="col">Given by</th><th scope="col">How</th><th scope="col">Shares</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">In force</th><th scope="col">Withdraw</th></tr></thead>
      <tbody>
      {{#consents}}
      <tr><td>{{organizations}}</td><td>{{givenBy}}</td><td>{{method}}</td><td>{{shares}}</td><td>{{givenOn}}</td><td>{{expiresOn}}</td><td>{{#inForce}}Yes{{/inForce}}{{^inForce}}No{{#revokedOn}} (revoked {{revokedOn}}){{/revokedOn}}{{/inForce}}</td>
        <td>{{#revocable}}<form method="post" action="/coordinator/students/{{studentID}}/consents/{{id}}/revoke"><input type="hidden" name="csrf_token" value="{{frame.csrf}}"><button type="submit" class="danger">Revoke</button></form>{{/revocable}}</td></tr>
      {{/consents}}
      </tbody>
    </table>
    {{/hasConsents}}
    {{^hasConsents}}<p>No consent on file: referrals cannot be sent until the family agrees.</p>{{/hasConsents}}
    <h3>Record a consent</h3>
    <form method="post" action="/coordinator/students/{{studentID}}/consents" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      {{#consentForm}}{{>consent-fields}}{{/consentForm}}
      <p><button type="submit">Record consent</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
