BASE <http://example.org/>
PREFIX : <http://example.org/>
DELETE DATA { :a :b :c }
