"""What public pages and feeds say about themselves to search engines, social
networks and feed readers: who wrote an article (``authors``), schema.org
JSON-LD (``jsonld``) and OpenGraph/Twitter card tags (``share``). Templates and
feeds read these; none of it is stored."""
