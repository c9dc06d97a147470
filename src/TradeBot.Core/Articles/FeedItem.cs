namespace TradeBot.Core.Articles;

/// <summary>One item of an RSS or Atom feed as the feed gives it: HTML left as HTML, missing fields null.</summary>
/// <param name="Guid">The item's own id (RSS <c>guid</c>, Atom <c>id</c>).</param>
/// <param name="ContentHtml">The item's full content (Atom <c>content</c>, RSS <c>content:encoded</c>), when it has one.</param>
/// <param name="SummaryHtml">The item's summary (RSS <c>description</c>, Atom <c>summary</c>).</param>
internal sealed record FeedItem(string? Guid, string? Link, string? Title, DateTimeOffset? Published, string? ContentHtml, string? SummaryHtml);

/// <summary>A feed: its title (the outlet, unless a page says otherwise) and its items in order.</summary>
internal sealed record FeedDocument(string? Title, IReadOnlyList<FeedItem> Items);
