"""The loop: pure logic of the marathon plan, iCalendar export, charts and mock-loop scorecards."""
