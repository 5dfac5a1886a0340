extension Templates {
    /// The coordinator's start: what is overdue, what was sent lately, and the next steps.
    static let coordinatorHome = #"""
    {{<layout}}
    {{$main}}
    <p><a class="button" href="/coordinator/match">Match services for a student</a>
       <a class="button" href="/coordinator/services">Find services</a>
       <a class="button" href="/coordinator/students/new">Register a student</a></p>
    <h2>Follow-ups due ({{dueCount}})</h2>
    {{^hasDue}}<p>Nothing is overdue. Referrals waiting on a partner or an intake appear here when they need you.</p>{{/hasDue}}
    {{#hasDue}}
    <table>
      <caption>The oldest follow-ups; <a href="/coordinator/followups">see all</a></caption>
      <thead><tr><th scope="col">Student</th><th scope="col">Barrier</th><th scope="col">Service</th><th scope="col">Due since</th><th scope="col">What to do</th></tr></thead>
      <tbody>
      {{#due}}
      <tr><td><a href="{{href}}">{{studentLabel}}</a></td><td>{{barrier}}</td><td>{{service}}</td><td>{{followUpSince}}</td><td>{{followUpMessage}}</td></tr>
      {{/due}}
      </tbody>
    </table>
    {{/hasDue}}
    <h2>Recent referrals</h2>
    {{#hasRecent}}
    <table>
      <caption>Your schools' newest referrals; <a href="/coordinator/referrals">see all, by state</a></caption>
      <thead><tr><th scope="col">Student</th><th scope="col">Barrier</th><th scope="col">Service</th><th scope="col">Organization</th><th scope="col">State</th><th scope="col">Created</th></tr></thead>
      <tbody>
      {{#recent}}
      <tr><td><a href="{{href}}">{{studentLabel}}</a></td><td>{{barrier}}</td><td>{{service}}</td><td>{{organization}}</td><td><span class="state {{stateClass}}">{{state}}</span></td><td>{{created}}</td></tr>
      {{/recent}}
      </tbody>
    </table>
    {{/hasRecent}}
    {{^hasRecent}}<p>No referrals yet.</p>{{/hasRecent}}
    {{/main}}
    {{/layout}}
    """#

    static let followUps = #"""
    {{<layout}}
    {{$main}}
    <p>{{attention}} Follow-ups are never applied automatically: act on the referral page.</p>
    {{#hasRows}}
    <table>
      <caption>Overdue follow-ups, oldest first</caption>
      <thead><tr><th scope="col">Student</th><th scope="col">Barrier</th><th scope="col">Service</th><th scope="col">Organization</th><th scope="col">State</th><th scope="col">Due since</th><th scope="col">What to do</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr><td><a href="{{href}}">{{studentLabel}}</a></td><td>{{barrier}}</td><td>{{service}}</td><td>{{organization}}</td>
          <td><span class="state {{stateClass}}">{{state}}</span></td><td>{{followUpSince}}</td><td>{{followUpMessage}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{/main}}
    {{/layout}}
    """#

    static let services = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/coordinator/services" aria-label="Service filters">
      <div class="filters">
        <div><label for="q">Keyword</label><input type="text" id="q" name="q" value="{{keyword}}"></div>
        <div><label for="domain">Domain</label><select id="domain" name="domain"><option value="">Any domain</option>{{#domains}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/domains}}</select></div>
        <div><label for="intensity">Level of need</label><select id="intensity" name="intensity"><option value="">Any level</option>{{#intensities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/intensities}}</select></div>
        <div><label for="age">Student's age</label><input type="number" id="age" name="age" min="0" max="120" value="{{age}}"></div>
        <div><label for="language">Family language</label><select id="language" name="language"><option value="">Any language</option>{{#languages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languages}}</select></div>
        <div><label for="insurance">Insurance</label><select id="insurance" name="insurance"><option value="">Any coverage</option>{{#insurances}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/insurances}}</select></div>
        <div><label for="setting">Setting</label><select id="setting" name="setting"><option value="">Any setting</option>{{#settings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/settings}}</select></div>
        <div><label for="enrollment">Enrollment</label><select id="enrollment" name="enrollment"><option value="">Any</option>{{#enrollments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/enrollments}}</select></div>
        <div><label for="near_school">Near school</label><select id="near_school" name="near_school"><option value="">Anywhere</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></div>
        <div><label for="radius_km">Within (km)</label><input type="number" id="radius_km" name="radius_km" min="0.1" max="500" step="0.1" value="{{radius}}"></div>
      </div>
      <p><button type="submit">Search</button> <a href="/coordinator/services">Clear filters</a></p>
    </form>
    <h2 id="results">Results ({{resultCount}}{{#nextHref}}+{{/nextHref}})</h2>
    {{#nearestFirst}}<p class="muted">Nearest first.</p>{{/nearestFirst}}
    {{#hasResults}}
    <ul class="cards" aria-labelledby="results">
      {{#results}}
      <li class="card">
        <h3><a href="{{serviceHref}}">{{name}}</a></h3>
        <p class="muted">{{organization}}</p>
        <p>{{description}}</p>
        <dl class="facts">
          <dt>Domains</dt><dd>{{domains}}</dd>
          <dt>Level</dt><dd>{{intensity}}</dd>
          <dt>Ages</dt><dd>{{ages}}</dd>
          <dt>Languages</dt><dd>{{languages}}</dd>
          <dt>Cost</dt><dd>{{cost}}</dd>
          <dt>Enrollment</dt><dd>{{enrollment}}</dd>
          {{#distance}}<dt>Distance</dt><dd>{{distance}}</dd>{{/distance}}
        </dl>
        <p><a class="button" href="{{referHref}}">Refer a student<span class="visually-hidden"> to {{name}}</span></a></p>
      </li>
      {{/results}}
    </ul>
    {{#nextHref}}<p><a href="{{nextHref}}">Next page of results</a></p>{{/nextHref}}
    {{/hasResults}}
    {{^hasResults}}<p>No service matches these filters. Try fewer filters, a larger radius, or <a href="/coordinator/match">match for a student</a> to see which filter removed them.</p>{{/hasResults}}
    {{/main}}
    {{/layout}}
    """#

    static let match = #"""
    {{<layout}}
    {{$main}}
    <form method="get" action="/coordinator/match#results" class="stack" aria-label="Needs profile">
      <input type="hidden" name="run" value="1">
      <p class="muted">A needs profile holds no names. Choosing a registered student fills in their age, languages and school.</p>
      <label for="student">Student (optional)</label>
      <select id="student" name="student"><option value="">No registered student — enter a profile</option>{{#students}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/students}}</select>
      <fieldset>
        <legend>Barriers (choose at least one)</legend>
        {{#barriers}}<label><input type="checkbox" name="barrier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/barriers}}
      </fieldset>
      <fieldset>
        <legend>Tier of support</legend>
        {{#tiers}}<label><input type="radio" name="tier" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/tiers}}
      </fieldset>
      <div class="filters">
        <div><label for="age">Age</label><input type="number" id="age" name="age" min="0" max="25" value="{{age}}"></div>
        <div><label for="insurance">Insurance</label><select id="insurance" name="insurance"><option value="">Not stated</option>{{#insurances}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/insurances}}</select></div>
        <div><label for="transportation">Getting there</label><select id="transportation" name="transportation">{{#transportations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/transportations}}</select></div>
        <div><label for="near_school">Family lives near</label><select id="near_school" name="near_school"><option value="">Not stated</option>{{#schools}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schools}}</select></div>
      </div>
      <fieldset>
        <legend>Family languages</legend>
        {{#languages}}<label><input type="checkbox" name="language" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/languages}}
      </fieldset>
      <fieldset>
        <legend>When the student is free</legend>
        {{#times}}<label><input type="checkbox" name="time" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/times}}
      </fieldset>
      <fieldset>
        <legend>Preferred settings</legend>
        {{#settings}}<label><input type="checkbox" name="setting" value="{{value}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/settings}}
      </fieldset>
      <p><button type="submit">Match</button></p>
    </form>
    {{#ran}}
    <h2 id="results" tabindex="-1">Suggestions</h2>
    {{#hasGaps}}
    <h3>Gaps</h3>
    {{#gaps}}<p class="gap"><strong>{{barrier}}:</strong> {{reason}}</p>{{/gaps}}
    {{/hasGaps}}
    {{#results}}
    <h3>{{barrier}}</h3>
    {{#hasServices}}
    <ol class="cards">
      {{#services}}
      <li class="card">
        <h4>{{rank}}. <a href="{{serviceHref}}">{{name}}</a></h4>
        <p class="muted">{{organization}} · match {{score}}</p>
        <ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>
        {{#filters}}<p class="muted">Passed: {{filters}}</p>{{/filters}}
        <p><a class="button" href="{{referHref}}">Refer<span class="visually-hidden"> to {{name}}</span></a></p>
      </li>
      {{/services}}
    </ol>
    {{/hasServices}}
    {{^hasServices}}<p>No eligible service for this barrier.</p>{{/hasServices}}
    {{/results}}
    {{/ran}}
    {{/main}}
    {{/layout}}
    """#
}
