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

  async function showCorpus() {
    var response = await fetch('api/webchat/info');
    if (!response.ok) { return; }
    var info = await response.json();
    if (info.articleCount === 0) { return; }
    var range = info.earliest && info.latest ? ', ' + formatDate(info.earliest) + ' to ' + formatDate(info.latest) : '';
    document.getElementById('corpus-summary').textContent =
      'Answers from ' + info.articleCount.toLocaleString('en-GB') + ' news articles' + range + ', with sources';
  }

  // Web Chat posts a vote (thumbs up or down) as an event; the page asks for an optional comment first and sends the
  // vote with it when the form is sent or skipped.
  var feedbackEvent = 'webchat:activity-status/feedback';
  var feedbackForm = document.getElementById('feedback-form');
  var pendingVote = null;

  function withComment(action, comment) {
    var activity = Object.assign({}, action.payload.activity, { value: { comment: comment } });
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: activity }) });
  }

  feedbackForm.addEventListener('close', function () {
    if (!pendingVote) { return; }
    var vote = pendingVote;
    pendingVote = null;
    var comment = feedbackForm.returnValue === 'send' ? document.getElementById('feedback-comment').value.trim() : '';
    vote.next(withComment(vote.action, comment));
  });

  function feedbackMiddleware() {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity;
        if (activity && activity.type === 'event' && activity.name === feedbackEvent && !activity.value) {
          if (pendingVote) { pendingVote.next(withComment(pendingVote.action, '')); }
          pendingVote = { action: action, next: next };
          document.getElementById('feedback-comment').value = '';
          feedbackForm.returnValue = '';
          if (!feedbackForm.open) { feedbackForm.showModal(); }
          return undefined;
        }
        return next(action);
      };
    };
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

    var store = window.WebChat.createStore({}, feedbackMiddleware);
    var narrow = window.matchMedia('(max-width: 600px)').matches;
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: session.userId,
      username: 'You',
      locale: 'en-GB',
      styleOptions: {
        hideUploadButton: true,
        botAvatarInitials: 'TB',
        userAvatarInitials: 'You',
        sendBoxTextWrap: true,
        // Answers read in full on a wide screen; suggested questions wrap instead of scrolling behind arrows.
        bubbleMaxWidth: 760,
        suggestedActionLayout: narrow ? 'stacked' : 'flow',
        suggestedActionsStackedLayoutButtonTextWrap: true
      }
    }, document.getElementById('webchat'));

    document.getElementById('new-conversation').addEventListener('click', function () {
      sessionStorage.removeItem(storageKey);
      location.reload();
    });
    await showCorpus();
    document.querySelector('#webchat [data-id="webchat-sendbox-input"], #webchat input, #webchat textarea')?.focus();
  }

  start().catch(function (error) { showStatus(error.message); });
}());
