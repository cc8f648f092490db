/**
 * The web terminal: log in (password, then TOTP — with enrolment on first login), pick a granted
 * host, and type into xterm.js over the bastion's terminal WebSocket. `?host=ID` connects to that
 * host straight after login, which is how other consoles link here.
 */
export const TERMINAL_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ECS ops bastion</title>
<link rel="stylesheet" href="/terminal/xterm.css">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #111; color: #ddd; }
  main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
  form, section { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 1rem 0; }
  input, button { font: inherit; padding: .35rem .6rem; }
  code { background: #222; padding: .1rem .3rem; word-break: break-all; }
  #error { color: #f77; min-height: 1.2em; }
  #hosts li { margin: .3rem 0; list-style: none; }
  #terminal { height: 70vh; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <h1>ECS ops bastion</h1>
  <p id="error" role="alert"></p>
  <form id="login-form">
    <label>User <input id="username" autocomplete="username" required></label>
    <label>Password <input id="password" type="password" autocomplete="current-password" required></label>
    <button>Log in</button>
  </form>
  <form id="totp-form" hidden>
    <p id="enrol" hidden>First login: add this secret to your authenticator app, then enter its code.<br>
      <code id="totp-secret"></code><br><a id="totp-uri">otpauth link</a></p>
    <label>One-time code <input id="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required></label>
    <button>Verify</button>
  </form>
  <section id="hosts" hidden>
    <span>Logged in as <b id="me"></b>.</span>
    <ul id="host-list"></ul>
    <button id="logout" type="button">Log out</button>
  </section>
  <div id="terminal" hidden></div>
</main>
<script src="/terminal/xterm.js"></script>
<script src="/terminal/app.js"></script>
</body>
</html>
`;

export const TERMINAL_APP_SCRIPT = `(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var session = sessionStorage.getItem('bastion.session') || '';
  var ticket = '';
  var wantedHost = new URLSearchParams(location.search).get('host');

  function show(id) {
    ['login-form', 'totp-form', 'hosts', 'terminal'].forEach(function (other) { byId(other).hidden = other !== id; });
  }
  function fail(error) { byId('error').textContent = error.message || String(error); }
  function api(method, path, body) {
    var headers = body ? { 'content-type': 'application/json' } : {};
    if (session) headers.authorization = 'Bearer ' + session;
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 401 && path.indexOf('/auth/') < 0) { session = ''; sessionStorage.removeItem('bastion.session'); show('login-form'); }
        if (!response.ok) throw new Error(data.Message || ('HTTP ' + response.status));
        return data;
      });
    });
  }

  byId('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    byId('error').textContent = '';
    api('POST', '/bastion/v1/auth/login', { username: byId('username').value, password: byId('password').value }).then(function (answer) {
      byId('password').value = '';
      ticket = answer.ticket;
      byId('enrol').hidden = answer.stage !== 'enrol-totp';
      if (answer.stage === 'enrol-totp') {
        byId('totp-secret').textContent = answer.totpSecret;
        byId('totp-uri').href = answer.provisioningUri;
      }
      show('totp-form');
      byId('code').focus();
    }, fail);
  });

  byId('totp-form').addEventListener('submit', function (event) {
    event.preventDefault();
    byId('error').textContent = '';
    api('POST', '/bastion/v1/auth/totp', { ticket: ticket, code: byId('code').value }).then(function (answer) {
      byId('code').value = '';
      session = answer.sessionToken;
      sessionStorage.setItem('bastion.session', session);
      listHosts();
    }, fail);
  });

  byId('logout').addEventListener('click', function () {
    api('POST', '/bastion/v1/auth/logout').catch(function () { return undefined; }).then(function () {
      session = '';
      sessionStorage.removeItem('bastion.session');
      show('login-form');
    });
  });

  function listHosts() {
    api('GET', '/bastion/v1/hosts').then(function (answer) {
      byId('me').textContent = answer.username;
      var list = byId('host-list');
      list.textContent = '';
      answer.hosts.forEach(function (host) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.textContent = 'Connect';
        button.disabled = !host.online;
        button.addEventListener('click', function () { connect(host.hostId); });
        item.append(button, ' ' + host.hostId + ' (' + host.role + ', grant until ' + host.grantExpiresAt + ')');
        list.append(item);
      });
      if (!answer.hosts.length) list.textContent = 'You hold no current grants.';
      show('hosts');
      if (wantedHost) { var host = wantedHost; wantedHost = null; connect(host); }
    }, fail);
  }

  function connect(hostId) {
    byId('error').textContent = '';
    api('POST', '/bastion/v1/connections', { hostId: hostId }).then(function (grant) {
      var box = byId('terminal');
      box.textContent = '';
      show('terminal');
      var term = new Terminal({ cursorBlink: true, fontSize: 14 });
      term.open(box);
      var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      var ws = new WebSocket(scheme + '//' + location.host + grant.terminalPath + '&cols=' + term.cols + '&rows=' + term.rows);
      ws.onmessage = function (message) { term.write(message.data); };
      term.onData(function (data) { if (ws.readyState === WebSocket.OPEN) ws.send(data); });
      ws.onclose = function (closed) {
        term.write('\\r\\n[disconnected: ' + (closed.reason || closed.code) + '] press any key\\r\\n');
        term.onKey(function () { term.dispose(); listHosts(); });
      };
      term.focus();
    }, fail);
  }

  if (session) listHosts(); else show('login-form');
})();
`;
