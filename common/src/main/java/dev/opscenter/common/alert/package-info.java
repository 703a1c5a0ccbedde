/**
 * The live message contract: what the worker publishes for each alert and each notification status change, and the
 * realtime service forwards. The same records are the rows of the REST lists, so a page reads one shape from both.
 */
package dev.opscenter.common.alert;
