// Protocol check of TradeBot's self-hosted Direct Line with the official client, botframework-directlinejs.
// usage: node directline-client.cjs <bot base url> <websocket|polling> <question>
// Prints one JSON line: the conversation id, the id of the posted activity, whether the echo came back and the reply.
'use strict';
global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [base, transport, question] = process.argv.slice(2);

async function main() {
  const issued = await (await fetch(base + '/api/directline/token', { method: 'POST' })).json();
  const directLine = new DirectLine({ token: issued.token, domain: issued.domain, webSocket: transport === 'websocket', pollingInterval: 200 });
  let checkPosted = () => {};
  const result = { conversationId: null, postedId: null, echoed: false, reply: null, replyToId: null, online: false };
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply within 45 s: ' + JSON.stringify(result))), 45000);
    directLine.connectionStatus$.subscribe(status => {
      if (status === ConnectionStatus.Online) { result.online = true; }
      if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.ExpiredToken) { reject(new Error('connection status ' + status)); }
    });
    // The reply may arrive before the post's answer names the posted id: bot messages are kept until it is known.
    const botMessages = [];
    const check = () => {
      const reply = result.postedId && botMessages.find(activity => activity.replyToId === result.postedId);
      if (reply && !result.reply && result.echoed) {
        result.reply = reply.text;
        result.replyToId = reply.replyToId;
        clearTimeout(timer);
        resolve();
      }
    };
    checkPosted = check;
    directLine.activity$.subscribe(activity => {
      if (activity.from.role === 'user' && activity.channelData && activity.channelData.clientActivityID === 'probe-1') { result.echoed = true; }
      if (activity.type === 'message' && activity.from.role === 'bot') { botMessages.push(activity); }
      check();
    });
  });
  directLine.postActivity({ type: 'message', from: { id: issued.userId }, text: question, channelData: { clientActivityID: 'probe-1' } })
    .subscribe(id => { result.postedId = id; checkPosted(); }, error => { console.error('post failed', error); process.exit(2); });
  await done;
  result.conversationId = directLine.conversationId;
  console.log(JSON.stringify(result));
  directLine.end();
  process.exit(0);
}

main().catch(error => { console.error(error.message); process.exit(1); });
