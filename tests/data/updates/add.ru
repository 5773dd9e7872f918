ADD <urn:g> TO <urn:h>
