"""One package per view: ``view.py`` (the widget), ``model.py`` (Qt models), widgets."""
