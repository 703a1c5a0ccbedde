/** The live message contract: what the worker publishes for each alert and the realtime service forwards. */
package dev.opscenter.common.alert;
