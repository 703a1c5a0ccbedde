package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacklogSamplerTest {

    @Test
    void slopeIsTheGrowthPerSecondOverTheWindowOnly() {
        List<BacklogSampler.Sample> samples = new ArrayList<>();
        for (int s = 0; s <= 20; s++) {
            // flat at 10 for the first ten seconds, then growing by 50 a second
            samples.add(new BacklogSampler.Sample(s, s <= 10 ? 10 : 10 + 50L * (s - 10)));
        }

        assertEquals(0.0, BacklogSampler.slope(samples, 0, 10), 1e-9);
        assertEquals(50.0, BacklogSampler.slope(samples, 10, 20), 1e-9);
        assertEquals(0.0, BacklogSampler.slope(samples, 30, 40), 1e-9, "no readings: no slope");
    }
}
