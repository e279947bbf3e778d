"""Site scanning: a polite Scrapy crawler with selective Playwright rendering.

Only GET and HEAD are ever sent; forms are read, never submitted. See docs/crawling.md.
"""
