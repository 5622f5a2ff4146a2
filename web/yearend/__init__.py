"""The plan year's end (年终): the 兑现表 against next year's report, and the year-end close."""
