extension Templates {
    /// One service: where it is (with a map link), how to reach and apply, and every fact the
    /// agency did not give as "not listed — ask"; links to the handout and the short text.
    static let service = #"""
    {{<layout}}
    {{$main}}
    {{#sheet.hasDescription}}<p>{{sheet.description}}</p>{{/sheet.hasDescription}}
    <p class="actions no-print"><a class="button" href="{{handoutHref}}">{{words.handoutLink}}</a>
      <a href="{{textHref}}">{{words.textLink}}</a>
      {{#referHref}}<a class="button" href="{{referHref}}">{{words.referLink}}</a>{{/referHref}}</p>
    <h2 id="where">{{words.address}}</h2>
    {{#sheet.hasSites}}
    <ul class="sites">
      {{#sheet.sites}}<li><strong>{{name}}</strong><br>{{address}}{{#mapHref}}<br><a href="{{mapHref}}">{{words.mapLabel}}<span class="visually-hidden">: {{name}}</span></a>{{/mapHref}}</li>{{/sheet.sites}}
    </ul>
    {{/sheet.hasSites}}
    {{^sheet.hasSites}}<p>{{words.notListed}}</p>{{/sheet.hasSites}}
    <h2 id="details">{{words.detailsHeading}}</h2>
    <dl class="facts">{{#sheet.facts}}<dt>{{label}}</dt><dd{{#notListed}} class="not-listed"{{/notListed}}>{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</dd>{{/sheet.facts}}</dl>
    <h2 id="short-text">{{words.textHeading}}</h2>
    <p class="muted">{{words.textHelp}}</p>
    <pre class="message">{{shortText}}</pre>
    {{/main}}
    {{/layout}}
    """#

    /// The family handout: the same facts on one printable page, without navigation.
    static let serviceHandout = #"""
    <!doctype html>
    <html lang="[[@lang]]">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Closeloop</title>
    <link rel="stylesheet" href="/static/closeloop.css">
    </head>
    <body class="handout">
    <main id="main">
      <p class="no-print"><a href="{{serviceHref}}">{{words.backToService}}</a> · {{words.printHint}}</p>
      <h1>{{sheet.name}}</h1>
      <p class="lead">{{words.handoutIntro}}</p>
      {{#sheet.hasDescription}}<p>{{sheet.description}}</p>{{/sheet.hasDescription}}
      <h2>{{words.address}}</h2>
      {{#sheet.sites}}<p><strong>{{name}}</strong><br>{{address}}</p>{{/sheet.sites}}
      {{^sheet.hasSites}}<p>{{words.notListed}}</p>{{/sheet.hasSites}}
      <dl class="facts">{{#sheet.facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/sheet.facts}}</dl>
      <p class="muted">{{words.handoutFooter}}</p>
    </main>
    </body>
    </html>
    """#
}
