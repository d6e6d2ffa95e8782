package dev.rapport.examples;

import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole storage contract of the spi-tck, run against {@link SurveyFeedbackStorage}: this subclass is all an
 * adapter needs (see docs/adapter-guide.md). In an adapter's own build it sits in the test sources and the build's
 * JUnit run picks it up; here it is in the main sources so that {@link CustomStorageAdapterMain} can run it.
 */
@DisplayName("The survey-feedback adapter")
public class SurveyFeedbackStorageContract extends RapportStorageContract {

    /** A fresh, empty store for every test. */
    @Override
    protected RapportStorage createStorage() {
        return new SurveyFeedbackStorage(new InMemoryStorage());
    }
}
