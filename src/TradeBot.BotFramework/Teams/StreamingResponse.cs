using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Teams;

/// <summary>
/// Streams one reply with the Bot Framework livestreaming protocol: <c>typing</c> activities (an informative line, then
/// the accumulated text, <c>streamSequence</c> 1, 2, …, all with the <c>streamId</c> the channel gave the first), ended
/// by the final <c>message</c> with <c>streamType: final</c>. Teams reads these fields from a <c>streaminfo</c> entity;
/// Web Chat reads them from <c>channelData</c> (it groups the activities of one <c>streamId</c> into one bubble and
/// hides the informative line behind its typing indicator), so on Direct Line they go in both.
/// Updates are throttled: text is accumulated and sent at most once per <see cref="DefaultInterval"/>, each after the
/// previous one returned. When the channel refuses an update the stream stops updating, and the final message is then
/// sent as an ordinary message if the channel refuses it as the end of the stream; when the user pressed Stop, nothing
/// more is sent. One instance serves one turn and is not thread-safe.
/// </summary>
public sealed class StreamingResponse
{
    public const string EntityType = "streaminfo";

    /// <summary>Teams accepts about one streaming request per second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>Teams ends a stream after two minutes; updates stop a little before that, the final message is still sent.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(110);

    /// <summary>The most characters Teams takes in an informative update.</summary>
    public const int MaxInformativeLength = 1000;

    private const string Informative = "informative";
    private const string Streaming = "streaming";
    private const string Final = "final";
    private const string CancelledByUser = "ContentStreamNotAllowed";

    private readonly ITurnContext _turnContext;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly StringBuilder _text = new();
    private DateTimeOffset _started;
    private DateTimeOffset _lastSent;
    private bool _ended;

    public StreamingResponse(ITurnContext turnContext, TimeProvider timeProvider, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (interval is { } value && value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), value, "The interval between updates cannot be negative.");
        }

        _turnContext = turnContext;
        _timeProvider = timeProvider;
        _interval = interval ?? DefaultInterval;
    }

    /// <summary>The id of the stream, once the channel accepted its first update.</summary>
    public string? StreamId { get; private set; }

    /// <summary>The <c>streamSequence</c> of the last update sent (0 before the first).</summary>
    public int Sequence { get; private set; }

    /// <summary>The text streamed so far, accumulated from <see cref="QueueTextChunkAsync"/>.</summary>
    public string Text => _text.ToString();

    /// <summary>True when the channel refused an update; no more updates are sent.</summary>
    public bool Failed { get; private set; }

    /// <summary>True when the user stopped the stream in Teams; nothing more is sent, the final message included.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>
    /// True when the turn can stream, with replies that go to the channel (an <c>expectReplies</c> turn returns its
    /// replies in one HTTP body and cannot stream): Teams in a personal (one-to-one) conversation, or Direct Line,
    /// where Web Chat 4.17+ shows the same stream as a livestream (over its WebSocket; a polling client, which never
    /// receives typing activities, simply gets the final message).
    /// </summary>
    public static bool IsSupported(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var repliesGoToChannel = !turnContext.ExpectsReplies
            && !string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        var teamsPersonal = string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.Ordinal)
            && !activity.IsGroupConversation()
            && string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
        var directLine = string.Equals(activity.ChannelId, Channels.Directline, StringComparison.Ordinal);
        return repliesGoToChannel && (teamsPersonal || directLine);
    }

    /// <summary>Shows a progress line (such as "Searching…") while no text has been streamed; it starts the stream.</summary>
    public async Task QueueInformativeUpdateAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (_text.Length == 0 && IsDue())
        {
            var line = text.Length <= MaxInformativeLength ? text : text[..MaxInformativeLength];
            await SendUpdateAsync(Informative, line, cancellationToken);
        }
    }

    /// <summary>Appends text to the stream; the accumulated text is sent when the last update is old enough.</summary>
    public async Task QueueTextChunkAsync(string chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Length == 0)
        {
            return;
        }

        _text.Append(chunk);
        if (IsDue() && !string.IsNullOrWhiteSpace(Text))
        {
            await SendUpdateAsync(Streaming, Text, cancellationToken);
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> (non-empty text; attachments, citations and feedback belong here) as the end of
    /// the stream, or as an ordinary message when no stream was started or the channel refuses the end. Returns the
    /// channel's answer; when the user stopped the stream nothing is sent and the answer names the stream.
    /// </summary>
    public async Task<ResourceResponse> EndStreamAsync(Activity message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.Text, nameof(message));
        if (_ended)
        {
            throw new InvalidOperationException("The stream has already ended.");
        }

        _ended = true;
        if (Cancelled)
        {
            return new ResourceResponse(StreamId);
        }

        if (StreamId is null)
        {
            return await _turnContext.SendActivityAsync(message, cancellationToken);
        }

        var plainEntities = message.Entities;
        var plainChannelData = message.ChannelData;
        Mark(message, Final, StreamId, sequence: null);
        var response = await _turnContext.SendActivityAsync(message, cancellationToken);
        if (!response.Failed)
        {
            return response;
        }

        if (IsCancellation(response))
        {
            Cancelled = true;
            return new ResourceResponse(StreamId);
        }

        // The channel would not close the stream (too late, or streaming switched off): deliver the answer plainly.
        Failed = true;
        message.Entities = plainEntities;
        message.ChannelData = plainChannelData;
        return await _turnContext.SendActivityAsync(message, cancellationToken);
    }

    private bool IsDue()
    {
        if (Failed || Cancelled || _ended)
        {
            return false;
        }

        if (Sequence == 0)
        {
            return true;
        }

        var now = _timeProvider.GetUtcNow();
        return now - _lastSent >= _interval && now - _started < MaxDuration;
    }

    private async Task SendUpdateAsync(string streamType, string text, CancellationToken cancellationToken)
    {
        var update = _turnContext.Activity.CreateTypingReply();
        update.Text = text;
        Mark(update, streamType, StreamId, Sequence + 1);
        var response = await _turnContext.SendActivityAsync(update, cancellationToken);
        if (response.Failed || (StreamId is null && string.IsNullOrEmpty(response.Id)))
        {
            // Without an id the stream cannot go on; the final message goes out as an ordinary message.
            Failed = true;
            Cancelled = IsCancellation(response);
            return;
        }

        Sequence++;
        _lastSent = _timeProvider.GetUtcNow();
        if (StreamId is null)
        {
            StreamId = response.Id;
            _started = _lastSent;
        }
    }

    private static bool IsCancellation(ResourceResponse response) =>
        response.FailureStatusCode == 403 && string.Equals(response.FailureCode, CancelledByUser, StringComparison.Ordinal);

    /// <summary>Adds the stream fields: the <c>streaminfo</c> entity, and on Direct Line the same in <c>channelData</c>.</summary>
    private void Mark(Activity activity, string streamType, string? streamId, int? sequence)
    {
        activity.Entities = [.. activity.Entities ?? [], Entity.From(new { type = EntityType, streamId, streamType, streamSequence = sequence })];
        if (!string.Equals(_turnContext.Activity.ChannelId, Channels.Directline, StringComparison.Ordinal))
        {
            return;
        }

        var channelData = activity.ChannelData is { ValueKind: JsonValueKind.Object } existing
            ? JsonObject.Create(existing) ?? []
            : [];
        channelData["streamType"] = streamType;
        if (streamId is not null)
        {
            channelData["streamId"] = streamId;
        }
        if (sequence is { } number)
        {
            channelData["streamSequence"] = number;
        }

        activity.ChannelData = JsonSerializer.SerializeToElement(channelData, ActivitySerializer.Options);
    }
}
