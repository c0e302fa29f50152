"""The web app: app factory, routes per area, templates and static assets."""
