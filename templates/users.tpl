{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Users</h1>
{{#FAILED}}<section class="error" role="alert"><p><strong>{{MESSAGE}}</strong></p></section>{{/FAILED}}
{{#DONE}}<section class="notice" role="status"><p>{{MESSAGE}}</p></section>{{/DONE}}
<section class="panel" aria-labelledby="list-h">
<h2 id="list-h">Who may sign in</h2>
<p class="hint">Viewers see the dashboard and download; editors also upload and switch versions; admins also manage users here. A new password or role ends that user's sessions.</p>
<div class="table-wrap">
<table class="users">
<caption>Every user, with role and last sign-in (UTC)</caption>
<thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Last sign-in (UTC)</th><th scope="col">Change role</th><th scope="col">Reset password</th><th scope="col">Remove</th></tr></thead>
<tbody>
{{#USER_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{ROLE}}</td><td>{{LAST}}</td>
<td><form method="post" action="/users"><input type="hidden" name="action" value="role"><input type="hidden" name="name" value="{{NAME}}"><label>Role of {{NAME}} <select name="role"><option value="viewer"{{#IS_VIEWER}} selected{{/IS_VIEWER}}>viewer</option><option value="editor"{{#IS_EDITOR}} selected{{/IS_EDITOR}}>editor</option><option value="admin"{{#IS_ADMIN}} selected{{/IS_ADMIN}}>admin</option></select></label> <button type="submit">Change</button></form></td>
<td><form method="post" action="/users"><input type="hidden" name="action" value="password"><input type="hidden" name="name" value="{{NAME}}"><label>New password for {{NAME}} <input type="password" name="password" autocomplete="new-password" required></label> <button type="submit">Reset</button></form></td>
<td><form method="post" action="/users"><input type="hidden" name="action" value="remove"><input type="hidden" name="name" value="{{NAME}}"><button type="submit">Remove {{NAME}}</button></form></td></tr>{{/USER_ROW}}
</tbody>
</table>
</div>
</section>
<section class="panel" aria-labelledby="add-h">
<h2 id="add-h">Add a user</h2>
<form method="post" action="/users" class="upload">
  <input type="hidden" name="action" value="add">
  <label>User name (letters, digits, . _ @ -) <input name="name" autocomplete="off" required maxlength="64"></label>
  <label>Password <input type="password" name="password" autocomplete="new-password" required></label>
  <label>Role <select name="role"><option value="viewer">viewer</option><option value="editor">editor</option><option value="admin">admin</option></select></label>
  <p><button type="submit">Add user</button></p>
</form>
</section>
{{>FOOTER}}
