/**
 * The storage kit: the storage contract as executable tests that every adapter must pass. An adapter's test
 * subclasses {@link dev.rapport.tck.RapportStorageContract}, returns a fresh, empty store and declares the
 * {@link dev.rapport.tck.StorageCapability capabilities} it lacks; an adapter with its own KPI answers also runs
 * {@link dev.rapport.tck.KpiParityContract} against the reference on generated {@link dev.rapport.tck.KpiDataSet}s,
 * and a template store runs {@link dev.rapport.tck.TemplateStoreContract}. {@link dev.rapport.tck.TestData} builds
 * realistic records, with every field set and at every size limit. See docs/adapter-guide.md.
 */
package dev.rapport.tck;
