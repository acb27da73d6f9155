"""Places named in an article: toponym spans (`toponyms`), their resolution in the offline
gazetteer (`resolve`) and the `brinkwatch_places` article component (`component`)."""
