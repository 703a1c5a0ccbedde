package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/relay.md shows each receiver recipe exactly as its file under docs/recipes/, which ReceiverRecipesIT runs. */
class ReceiverRecipesDocTest {

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void recipeInTheDocsIsTheTestedFile(Recipe recipe) throws IOException {
        String snippet = recipe.snippet();
        String doc = Files.readString(Recipe.repositoryRoot().resolve("docs/relay.md"));
        assertTrue(
                doc.contains(snippet),
                "docs/relay.md must show docs/recipes/" + recipe.file + " between its markers as it is:\n" + snippet);
    }
}
