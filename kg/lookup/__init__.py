"""Reading the graph as typed records: actors, services, regions, taxonomies and entity descriptions.

The REST API, the entity pages and the exports all read through here, so they show the same facts.
"""
