"""Content in, pages out: load and validate lessons, render them safely, build and serve the site."""
