"""Bundled demo municipality ("Demo kommune") for formlint.

``site/`` is a static, fictitious municipal website (77 HTML pages, robots.txt,
sitemap.xml, two PDFs and one DOCX in ``site/dokumenter/``) that the demo and
the tests crawl from a loopback server.  ``EXPECTED.yaml`` lists the findings a
scan of it must, may and must not produce.  See ``README.md``.
"""
