extension Templates {
    static let referralNew = #"""
    {{<layout}}
    {{$main}}
    {{^serviceKnown}}
    <p>[[referral_new.choose_first]] <a href="/coordinator/match">[[referral_new.match_link]]</a> [[common.or]] <a href="/coordinator/services">[[referral_new.find_link]]</a>, [[referral_new.then_refer]]</p>
    {{/serviceKnown}}
    {{#serviceKnown}}
    <form method="post" action="/coordinator/referrals" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <input type="hidden" name="service_id" value="{{serviceID}}">
      <dl class="facts">
        <dt>[[fact.service]]</dt><dd>{{serviceName}}</dd>
        <dt>[[fact.organization]]</dt><dd>{{organizationName}}</dd>
      </dl>
      <label for="student_id">[[referral_new.student]]</label>
      <select id="student_id" name="student_id" required><option value="">[[referral_new.choose_student]]</option>{{#students}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/students}}</select>
      <p><a href="{{registerHref}}">[[referral_new.register]]</a> [[referral_new.come_back]]</p>
      <label for="barrier">[[referral_new.barrier]]</label>
      <select id="barrier" name="barrier" required><option value="">[[referral_new.choose_barrier]]</option>{{#barriers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/barriers}}</select>
      <fieldset>
        <legend>[[form.tier]]</legend>
        {{#tiers}}<label><input type="radio" name="tier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/tiers}}
      </fieldset>
      <label for="note">[[referral_new.note]]</label>
      <textarea id="note" name="note" rows="3" cols="60">{{note}}</textarea>
      {{#existingReferralID}}
      <p class="notice" id="existing-referral">[[referral_new.existing]]
        <a href="/referrals/{{existingReferralID}}">[[referral_new.referral_word]] {{existingReferralID}}</a>. [[referral_new.work_on_it]]</p>
      <label for="duplicate_reason">[[referral_new.why_another]]</label>
      <textarea id="duplicate_reason" name="duplicate_reason" rows="2" cols="60" required>{{duplicateReason}}</textarea>
      {{/existingReferralID}}
      {{#consentOnFile}}<p class="notice">[[referral_new.consent_on_file]] {{organizationName}}: {{consentOnFile}}.</p>{{/consentOnFile}}
      {{^consentOnFile}}
      <p><label><input type="checkbox" name="record_consent" value="yes" checked> [[referral_new.record_consent]]</label></p>
      {{#consentForm}}{{>consent-fields}}{{/consentForm}}
      {{/consentOnFile}}
      <p class="actions">
        <button type="submit" name="then" value="send">[[referral_new.save_send]] {{organizationName}}</button>
        <button type="submit" name="then" value="draft" class="secondary">[[referral_new.save_draft]]</button>
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
      <label for="{{formID}}-reason">[[action.reason]]
        <select id="{{formID}}-reason" name="reason" required><option value="">[[action.choose_reason]]</option>{{#reasons}}<option value="{{value}}">{{label}}</option>{{/reasons}}</select></label>
      {{/needsReason}}
      {{#needsIntakeDate}}
      <label for="{{formID}}-intake">[[action.intake_date]]
        <input type="date" id="{{formID}}-intake" name="intake_date" required></label>
      {{/needsIntakeDate}}
      {{#needsFirstServiceDate}}
      <label for="{{formID}}-first">[[action.first_service_date]]
        <input type="date" id="{{formID}}-first" name="first_service_date" value="{{today}}" max="{{today}}" required></label>
      {{/needsFirstServiceDate}}
      {{#needsExpectedWait}}
      <label for="{{formID}}-wait">[[action.expected_wait]]
        <select id="{{formID}}-wait" name="expected_wait" required><option value="">[[action.choose_wait]]</option>{{#waitOptions}}<option value="{{value}}">{{label}}</option>{{/waitOptions}}</select></label>
      {{/needsExpectedWait}}
      {{#needsConfirmedBy}}
      <label for="{{formID}}-confirmed">[[action.confirmed_by]]
        <select id="{{formID}}-confirmed" name="confirmed_by">{{#confirmers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/confirmers}}</select></label>
      {{/needsConfirmedBy}}
      {{#showNote}}
      <label for="{{formID}}-note">[[action.note]]
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
    <p>[[referral.state]] <span class="state {{stateClass}}">{{state}}</span></p>
    {{#confirmStep}}
    <section class="card" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">[[confirm.heading]]</h2>
      <p>{{question}} [[confirm.not_recorded]]</p>
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
        <a href="/referrals/{{referralID}}">[[confirm.go_back]]</a>
      </form>
    </section>
    {{/confirmStep}}
    {{#followUpMessage}}<p class="gap"><strong>[[referral.follow_up_due]]</strong> {{followUpMessage}}</p>{{/followUpMessage}}
    {{#phoneCheckIn}}
    <section class="card" id="phone-check-in" aria-labelledby="phone-checkin-heading">
      <h2 id="phone-checkin-heading">[[phone_checkin.heading]]</h2>
      <p>{{lead}} <a href="{{phoneHref}}">{{phone}}</a></p>
      <p class="notice"><strong lang="{{language}}">{{question}}</strong></p>
      <form method="post" action="{{action}}" class="actions" aria-labelledby="phone-checkin-heading">
        <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
        {{#answers}}<button type="submit" name="answer" value="{{value}}">{{label}}{{#familyLanguageDiffers}} (<span lang="{{language}}">{{familyLabel}}</span>){{/familyLanguageDiffers}}</button>{{/answers}}
      </form>
      <p class="muted">[[phone_checkin.effects]]</p>
    </section>
    {{/phoneCheckIn}}
    <div class="charts">
      <section aria-labelledby="referral-facts">
        <h2 id="referral-facts">[[referral.heading]]</h2>
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/facts}}</dl>
      </section>
      {{#coordinator}}
      <section aria-labelledby="coordinator-contact">
        <h2 id="coordinator-contact">[[contact.coordinator]]</h2>
        <p>{{>coordinator-contact}}</p>
      </section>
      {{/coordinator}}
      <section aria-labelledby="student-facts">
        <h2 id="student-facts">[[referral.student]]</h2>
        {{#studentHref}}<p><a href="{{studentHref}}">[[referral.student]] {{studentLabel}}</a></p>{{/studentHref}}
        {{#hasStudentFacts}}<dl class="facts">{{#studentFacts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/studentFacts}}</dl>{{/hasStudentFacts}}
        {{#studentWithheld}}<p>[[referral.withheld]]</p>{{/studentWithheld}}
        {{#consentEnded}}<p>[[referral.consent_ended]]</p>{{/consentEnded}}
      </section>
      {{#hasFamilyContact}}
      <section aria-labelledby="family-contact">
        <h2 id="family-contact">[[family_contact.heading]]</h2>
        <dl class="facts">{{#familyContact}}<dt>{{label}}</dt><dd>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/familyContact}}</dl>
      </section>
      {{/hasFamilyContact}}
    </div>
    <h2>[[referral.actions]]</h2>
    {{#hasActions}}{{>action-forms}}{{/hasActions}}
    {{^hasActions}}<p>[[referral.nothing]] {{state}}{{#studentHref}}; [[referral.story_below]]{{/studentHref}}.</p>{{/hasActions}}
    <h2>[[referral.history]]</h2>
    <table class="stack">
      <caption>[[referral.history_caption]]</caption>
      <thead><tr><th scope="col">[[col.when]]</th><th scope="col">[[col.action]]</th><th scope="col">[[col.state]]</th><th scope="col">[[col.by]]</th><th scope="col">[[col.details]]</th><th scope="col">[[col.note]]</th></tr></thead>
      <tbody>
      {{#events}}<tr><td data-label="[[col.when]]">{{at}}</td><td data-label="[[col.action]]">{{action}}</td><td data-label="[[col.state]]">{{change}}</td><td data-label="[[col.by]]">{{role}}</td><td data-label="[[col.details]]">{{details}}</td><td data-label="[[col.note]]">{{note}}</td></tr>{{/events}}
      {{^events}}<tr><td colspan="6">[[referral.draft_nothing]]</td></tr>{{/events}}
      </tbody>
    </table>
    <p><a href="{{backHref}}">{{backLabel}}</a></p>
    {{/main}}
    {{/layout}}
    """#
}
