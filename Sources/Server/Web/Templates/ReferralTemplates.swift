extension Templates {
    static let referralNew = #"""
    {{<layout}}
    {{$main}}
    {{^serviceKnown}}
    <p>Choose a service first: <a href="/coordinator/match">match for a student</a> or <a href="/coordinator/services">find services</a>, then use its “Refer” button.</p>
    {{/serviceKnown}}
    {{#serviceKnown}}
    <form method="post" action="/coordinator/referrals" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="service_id" value="{{serviceID}}">
      <dl class="facts">
        <dt>Service</dt><dd>{{serviceName}}</dd>
        <dt>Organization</dt><dd>{{organizationName}}</dd>
      </dl>
      <label for="student_id">Student</label>
      <select id="student_id" name="student_id" required><option value="">Choose a student</option>{{#students}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/students}}</select>
      <p><a href="{{registerHref}}">Register a new student</a> (you come back here afterwards).</p>
      <label for="barrier">Barrier this referral addresses</label>
      <select id="barrier" name="barrier" required><option value="">Choose a barrier</option>{{#barriers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/barriers}}</select>
      <fieldset>
        <legend>Tier of support</legend>
        {{#tiers}}<label><input type="radio" name="tier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/tiers}}
      </fieldset>
      <label for="note">Note for the partner (optional; no names or diagnoses)</label>
      <textarea id="note" name="note" rows="3" cols="60">{{note}}</textarea>
      {{#existingReferralID}}
      <p class="notice" id="existing-referral">This student already has an open referral to this service:
        <a href="/referrals/{{existingReferralID}}">referral {{existingReferralID}}</a>. Work on that one, or say why another is needed.</p>
      <label for="duplicate_reason">Why another referral to this service is needed</label>
      <textarea id="duplicate_reason" name="duplicate_reason" rows="2" cols="60" required>{{duplicateReason}}</textarea>
      {{/existingReferralID}}
      {{#consentOnFile}}<p class="notice">Consent on file for {{organizationName}}: {{consentOnFile}}.</p>{{/consentOnFile}}
      {{^consentOnFile}}
      <p><label><input type="checkbox" name="record_consent" value="yes" checked> Record the family's consent with this referral</label></p>
      {{#consentForm}}{{>consent-fields}}{{/consentForm}}
      {{/consentOnFile}}
      <p class="actions">
        <button type="submit" name="then" value="send">Save and send to {{organizationName}}</button>
        <button type="submit" name="then" value="draft" class="secondary">Save as draft</button>
      </p>
    </form>
    {{/serviceKnown}}
    {{/main}}
    {{/layout}}
    """#

    /// The forms for the actions the machine allows; rendered with an `ActionForm` list in `actions`.
    static let actionForms = #"""
    <div class="actions">
    {{#actions}}
    {{#blockedHint}}<p class="muted">{{blockedHint}}</p>{{/blockedHint}}
    {{^blockedHint}}
    <form method="post" action="/referrals/{{referralID}}/actions" aria-label="{{label}}">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="action" value="{{action}}">
      <input type="hidden" name="version" value="{{version}}">
      <input type="hidden" name="return_to" value="{{returnTo}}">
      {{#needsReason}}
      <label for="{{formID}}-reason">Reason
        <select id="{{formID}}-reason" name="reason" required><option value="">Choose a reason</option>{{#reasons}}<option value="{{value}}">{{label}}</option>{{/reasons}}</select></label>
      {{/needsReason}}
      {{#needsIntakeDate}}
      <label for="{{formID}}-intake">Intake date
        <input type="date" id="{{formID}}-intake" name="intake_date" required></label>
      {{/needsIntakeDate}}
      {{#needsFirstServiceDate}}
      <label for="{{formID}}-first">First service date
        <input type="date" id="{{formID}}-first" name="first_service_date" value="{{today}}" max="{{today}}" required></label>
      {{/needsFirstServiceDate}}
      {{#needsExpectedWait}}
      <label for="{{formID}}-wait">{{words.waitLegend}}
        <select id="{{formID}}-wait" name="expected_wait" required><option value="">{{words.waitChoose}}</option>{{#waitOptions}}<option value="{{value}}">{{label}}</option>{{/waitOptions}}</select></label>
      {{/needsExpectedWait}}
      {{#needsConfirmedBy}}
      <label for="{{formID}}-confirmed">Confirmed by
        <select id="{{formID}}-confirmed" name="confirmed_by">{{#confirmers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/confirmers}}</select></label>
      {{/needsConfirmedBy}}
      {{#showNote}}
      <label for="{{formID}}-note">Note (optional)
        <input type="text" id="{{formID}}-note" name="note"></label>
      {{/showNote}}
      {{#confirmation}}
      <label for="{{formID}}-confirm" class="confirm"><input type="checkbox" id="{{formID}}-confirm" name="confirm" value="yes" required> {{confirmation}}</label>
      {{/confirmation}}
      <button type="submit" id="{{formID}}-submit"{{#danger}} class="danger"{{/danger}}>{{label}}</button>
    </form>
    {{/blockedHint}}
    {{/actions}}
    </div>
    """#

    static let referral = #"""
    {{<layout}}
    {{$main}}
    <p>State: <span class="state {{stateClass}}">{{state}}</span></p>
    {{#confirmStep}}
    <section class="card" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{{words.confirmHeading}}</h2>
      <p>{{question}} {{words.notRecorded}}</p>
      <form method="post" action="/referrals/{{referralID}}/actions" class="actions">
        <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
        <input type="hidden" name="action" value="confirm_connection">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="return_to" value="{{returnTo}}">
        <input type="hidden" name="first_service_date" value="{{firstServiceDate}}">
        <input type="hidden" name="confirmed_by" value="{{confirmedBy}}">
        <input type="hidden" name="note" value="{{note}}">
        <input type="hidden" name="before_intake_confirmed" value="yes">
        <button type="submit" id="confirm-before-intake">{{button}}</button>
        <a href="/referrals/{{referralID}}">{{words.goBack}}</a>
      </form>
    </section>
    {{/confirmStep}}
    {{#followUpMessage}}<p class="gap"><strong>Follow-up due:</strong> {{followUpMessage}}</p>{{/followUpMessage}}
    <div class="charts">
      <section aria-labelledby="referral-facts">
        <h2 id="referral-facts">Referral</h2>
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/facts}}</dl>
      </section>
      {{#coordinator}}
      <section aria-labelledby="coordinator-contact">
        <h2 id="coordinator-contact">{{words.coordinator}}</h2>
        <p>{{>coordinator-contact}}</p>
      </section>
      {{/coordinator}}
      <section aria-labelledby="student-facts">
        <h2 id="student-facts">Student</h2>
        {{#studentHref}}<p><a href="{{studentHref}}">Student {{studentLabel}}</a></p>{{/studentHref}}
        {{#hasStudentFacts}}<dl class="facts">{{#studentFacts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/studentFacts}}</dl>{{/hasStudentFacts}}
        {{#studentWithheld}}<p>The family's consent in force shares no student details with your organization.</p>{{/studentWithheld}}
        {{#consentEnded}}<p>The family's consent for your organization has ended (expired or revoked): only this referral's state, dates and your own notes remain.</p>{{/consentEnded}}
      </section>
      {{#hasFamilyContact}}
      <section aria-labelledby="family-contact">
        <h2 id="family-contact">Family's preferred contact</h2>
        <dl class="facts">{{#familyContact}}<dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/familyContact}}</dl>
      </section>
      {{/hasFamilyContact}}
    </div>
    <h2>What you can do now</h2>
    {{#hasActions}}{{>action-forms}}{{/hasActions}}
    {{^hasActions}}<p>Nothing: this referral is {{state}}{{#studentHref}}; its story is below{{/studentHref}}.</p>{{/hasActions}}
    <h2>History</h2>
    <table>
      <caption>Every event, newest first</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">State</th><th scope="col">By</th><th scope="col">Details</th><th scope="col">Note</th></tr></thead>
      <tbody>
      {{#events}}<tr><td>{{at}}</td><td>{{action}}</td><td>{{change}}</td><td>{{role}}</td><td>{{details}}</td><td>{{note}}</td></tr>{{/events}}
      {{^events}}<tr><td colspan="6">A draft: nothing has happened yet.</td></tr>{{/events}}
      </tbody>
    </table>
    <p><a href="{{backHref}}">{{backLabel}}</a></p>
    {{/main}}
    {{/layout}}
    """#
}
