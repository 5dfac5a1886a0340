extension Templates {
    static let students = #"""
    {{<layout}}
    {{$main}}
    <p><a class="button" href="/coordinator/students/new">[[home.register]]</a></p>
    <form method="get" action="/coordinator/students" class="actions" role="search">
      <label for="q">[[students.search_field]] <input type="text" id="q" name="q" value="{{search}}"></label>
      <button type="submit">[[common.search]]</button>
    </form>
    {{#hasStudents}}
    <table>
      <caption>[[students.caption]]</caption>
      <thead><tr><th scope="col">[[fact.district_student_id]]</th><th scope="col">[[fact.school]]</th><th scope="col">[[fact.grade]]</th><th scope="col" class="number">[[form.age]]</th></tr></thead>
      <tbody>
      {{#students}}
      <tr><td><a href="{{href}}">{{districtID}}</a></td><td>{{school}}</td><td>{{grade}}</td><td class="number">{{age}}</td></tr>
      {{/students}}
      </tbody>
    </table>
    {{/hasStudents}}
    {{^hasStudents}}<p>[[students.none]]</p>{{/hasStudents}}
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
      <p class="muted">[[students.no_names]]</p>
      <label for="district_student_id">[[fact.district_student_id]]</label>
      <input type="text" id="district_student_id" name="district_student_id" value="{{districtID}}" required autocomplete="off">
      <label for="school_id">[[fact.school]]</label>
      <select id="school_id" name="school_id" required><option value="">[[students.choose_school]]</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select>
      <label for="grade">[[fact.grade]]</label>
      <select id="grade" name="grade"><option value="">[[form.not_stated]]</option>{{#grades}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/grades}}</select>
      <label for="age">[[form.age]]</label>
      <input type="number" id="age" name="age" min="0" max="25" value="{{age}}">
      <fieldset>
        <legend>[[form.family_languages]]</legend>
        {{#languages}}<label><input type="checkbox" name="language" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/languages}}
      </fieldset>
      <fieldset>
        <legend>[[students.groups_legend]]</legend>
        {{#groups}}<label><input type="checkbox" name="group" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/groups}}
      </fieldset>
      <p><button type="submit">[[students.register_submit]]</button></p>
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
      <fieldset>
        <legend>[[consent.contact_legend]]</legend>
        <label for="family_contact_channel">[[consent.contact_channel]]</label>
        <select id="family_contact_channel" name="family_contact_channel"><option value="">[[consent.contact_not_shared]]</option>{{#contactChannels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/contactChannels}}</select>
        <label for="family_contact_address">[[consent.contact_address]]</label>
        <input type="text" id="family_contact_address" name="family_contact_address" value="{{contactAddress}}" autocomplete="off">
        <label for="family_contact_language">[[consent.contact_language]]</label>
        <select id="family_contact_language" name="family_contact_language">{{#contactLanguages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/contactLanguages}}</select>
        <label for="family_contact_best_time">[[consent.contact_best_time]]</label>
        <input type="text" id="family_contact_best_time" name="family_contact_best_time" value="{{contactBestTime}}">
      </fieldset>
    </fieldset>
    """#

    static let student = #"""
    {{<layout}}
    {{$main}}
    <dl class="facts">
      <dt>[[fact.district_student_id]]</dt><dd>{{districtID}}</dd>
      <dt>[[fact.school]]</dt><dd>{{school}}</dd>
      <dt>[[fact.grade]]</dt><dd>{{grade}}</dd>
      <dt>[[form.age]]</dt><dd>{{age}}</dd>
      <dt>[[form.family_languages]]</dt><dd>{{languages}}</dd>
      <dt>[[fact.student_groups]]</dt><dd>{{groups}}</dd>
    </dl>
    <p><a class="button" href="{{matchHref}}">[[students.match]]</a></p>
    <h2>[[nav.referrals]]</h2>
    {{#hasReferrals}}
    <table class="stack">
      <caption>[[students.referrals_caption]]</caption>
      <thead><tr><th scope="col">[[col.barrier]]</th><th scope="col">[[col.service]]</th><th scope="col">[[col.organization]]</th><th scope="col">[[col.state]]</th><th scope="col">[[col.created]]</th><th scope="col">[[fact.sent]]</th><th scope="col">[[fact.follow_up]]</th></tr></thead>
      <tbody>
      {{#referrals}}
      <tr><td data-label="[[col.barrier]]"><a href="{{href}}">{{barrier}}</a></td><td data-label="[[col.service]]">{{service}}</td><td data-label="[[col.organization]]">{{organization}}</td><td data-label="[[col.state]]"><span class="state {{stateClass}}">{{state}}</span></td>
          <td class="date" data-label="[[col.created]]">{{created}}</td><td class="date" data-label="[[fact.sent]]">{{sent}}</td><td data-label="[[fact.follow_up]]">{{followUpMessage}}</td></tr>
      {{/referrals}}
      </tbody>
    </table>
    {{/hasReferrals}}
    {{^hasReferrals}}<p>[[home.no_referrals]] <a href="{{matchHref}}">[[students.find_service]]</a> [[students.to_refer]]</p>{{/hasReferrals}}
    <h2>[[students.consents]]</h2>
    {{#hasConsents}}
    <table class="stack">
      <caption>[[students.consents_caption]]</caption>
      <thead><tr><th scope="col">[[students.organizations]]</th><th scope="col">[[students.given_by]]</th><th scope="col">[[consent.how]]</th><th scope="col">[[students.shares]]</th><th scope="col">[[fact.from]]</th><th scope="col">[[students.until]]</th><th scope="col">[[students.in_force]]</th><th scope="col">[[students.withdraw]]</th></tr></thead>
      <tbody>
      {{#consents}}
      <tr><td data-label="[[students.organizations]]">{{organizations}}</td><td data-label="[[students.given_by]]">{{givenBy}}</td><td data-label="[[consent.how]]">{{method}}</td><td data-label="[[students.shares]]">{{shares}}</td><td class="date" data-label="[[fact.from]]">{{givenOn}}</td><td class="date" data-label="[[students.until]]">{{expiresOn}}</td><td data-label="[[students.in_force]]">{{#inForce}}[[common.yes]]{{/inForce}}{{^inForce}}[[common.no]]{{#revokedOn}} ([[students.revoked]] {{revokedOn}}){{/revokedOn}}{{/inForce}}</td>
        <td data-label="[[students.withdraw]]">{{#revocable}}<form method="post" action="/coordinator/students/{{studentID}}/consents/{{id}}/revoke"><input type="hidden" name="csrf_token" value="{{frame.csrf}}"><button type="submit" class="danger">[[students.revoke]]</button></form>{{/revocable}}</td></tr>
      {{/consents}}
      </tbody>
    </table>
    {{/hasConsents}}
    {{^hasConsents}}<p>[[students.no_consent]]</p>{{/hasConsents}}
    <h3>[[students.record_consent]]</h3>
    <form method="post" action="/coordinator/students/{{studentID}}/consents" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      {{#consentForm}}{{>consent-fields}}{{/consentForm}}
      <p><button type="submit">[[students.record_submit]]</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """#
}
