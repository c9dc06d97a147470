using TradeBot.Core.Answers.Llm;

namespace TradeBot.Core.Tests.Answers.Llm;

public sealed class MarkerStreamFilterTests
{
    [Theory]
    [InlineData("Rose [1] and [9] fell [2, 7].", "Rose [1] and  fell [2].")]
    [InlineData("A [link](x) and [abc] stay [[1]", "A [link](x) and [abc] stay [[1]")]
    [InlineData("Unclosed [12", "Unclosed [12")]
    public void Push_ChunkedAnywhere_GivesTheSameFilteredText(string text, string expected)
    {
        for (var size = 1; size <= text.Length; size++)
        {
            var filter = new MarkerStreamFilter(sourceCount: 2);
            var output = string.Concat(text.Chunk(size).Select(c => filter.Push(new string(c)))) + filter.Flush();
            Assert.Equal(expected, output);
        }
    }
}
