/** End-to-end tests of the live path: webhook in at ingress, alert out on the realtime socket. */
package dev.opscenter.e2e.live;
