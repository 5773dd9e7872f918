INSERT DATA { <urn:a> <urn:b> <urn:c> }
