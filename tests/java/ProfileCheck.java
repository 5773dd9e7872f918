// OWL API's OWL 2 DL profile checker over RDF files merged into one ontology.
// Usage: java -cp <owlapi jars>:<dir> ProfileCheck FILE...
// Prints one line per violation, then "violations: N"; exits 0 (the test reads the count).
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getOntologyConfigurator().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology merged = manager.createOntology(IRI.create("urn:peacekg:profile-check"));
        for (String path : args) {
            OWLOntologyManager one = OWLManager.createOWLOntologyManager();
            one.getOntologyConfigurator().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
            OWLOntology part = one.loadOntologyFromOntologyDocument(new File(path));
            manager.addAxioms(merged, part.axioms());
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(merged);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println(v.toString().replace('\n', ' '));
        }
        System.out.println("violations: " + report.getViolations().size());
    }
}
