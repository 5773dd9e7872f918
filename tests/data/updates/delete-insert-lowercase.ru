PREFIX pko: <https://w3id.org/peacekg/ontology#>
# remove every proposal
delete { ?s a pko:Proposal } where { ?s a pko:Proposal }
