// TradeBot's chat page: Web Chat on Direct Line (self-hosted by TradeBot, or Azure's when a secret is configured).
// The conversation (id, token, Direct Line domain, user id) lives in sessionStorage, so a reload resumes it.
(function () {
  'use strict';

  var storageKey = 'tradebot.webchat.session';
  var statusElement = document.getElementById('status');

  function showStatus(text) { statusElement.textContent = text; }

  function formatDate(iso) {
    return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  }

  function loadSession() {
    try { return JSON.parse(sessionStorage.getItem(storageKey) || 'null'); } catch (e) { return null; }
  }

  function saveSession(session) { sessionStorage.setItem(storageKey, JSON.stringify(session)); }

  async function newSession() {
    var response = await fetch('api/directline/token', { method: 'POST' });
    if (!response.ok) {
      var problem = await response.json().catch(function () { return {}; });
      throw new Error(problem.detail || ('The chat could not start (' + response.status + ').'));
    }
    var issued = await response.json();
    return { token: issued.token, conversationId: issued.conversationId, domain: issued.domain, userId: issued.userId, started: false };
  }

  async function showCorpus(store) {
    var response = await fetch('api/webchat/info');
    if (!response.ok) { return; }
    var info = await response.json();
    var range = info.earliest && info.latest ? ', ' + formatDate(info.earliest) + ' to ' + formatDate(info.latest) : '';
    document.getElementById('corpus-summary').textContent =
      'Answers from ' + info.articleCount.toLocaleString('en-GB') + ' news articles' + range + '. Try one of these:';
    var examples = document.getElementById('examples');
    info.exampleQuestions.forEach(function (question) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = question;
      button.addEventListener('click', function () {
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: question } });
      });
      examples.appendChild(button);
    });
  }

  async function start() {
    var session = loadSession() || await newSession();
    saveSession(session);
    document.getElementById('conversation-id').textContent = session.conversationId;

    // ?transport=polling forces REST polling instead of the WebSocket (both are supported).
    var webSocket = new URLSearchParams(location.search).get('transport') !== 'polling';
    var directLine = window.WebChat.createDirectLine({
      domain: session.domain,
      token: session.token,
      // Only a started conversation is resumed; a new token starts its conversation on connect.
      conversationId: session.started ? session.conversationId : undefined,
      webSocket: webSocket
    });

    directLine.connectionStatus$.subscribe(function (status) {
      // 2 = online, 3 = expired token, 4 = failed to connect, 5 = ended.
      if (status === 2) {
        session.started = true;
        session.token = directLine.token || session.token;
        saveSession(session);
        showStatus('');
      } else if (status === 3 || status === 5) {
        sessionStorage.removeItem(storageKey);
        showStatus('This conversation has ended. Reload the page to start a new one.');
      } else if (status === 4) {
        showStatus('Cannot reach TradeBot. Check the connection and reload the page.');
      }
    });
    // Direct Line refreshes the token every 15 minutes; keep the newest for the next reload.
    directLine.activity$.subscribe(function () {
      if (directLine.token && directLine.token !== session.token) {
        session.token = directLine.token;
        saveSession(session);
      }
    });

    var store = window.WebChat.createStore();
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: session.userId,
      username: 'You',
      locale: 'en-GB',
      styleOptions: { hideUploadButton: true, botAvatarInitials: 'TB', userAvatarInitials: 'You', sendBoxTextWrap: true }
    }, document.getElementById('webchat'));

    document.getElementById('new-conversation').addEventListener('click', function () {
      sessionStorage.removeItem(storageKey);
      location.reload();
    });
    await showCorpus(store);
    document.querySelector('#webchat [data-id="webchat-sendbox-input"], #webchat input, #webchat textarea')?.focus();
  }

  start().catch(function (error) { showStatus(error.message); });
}());
