function Remove-RgCachedCredential {
    <#
    .SYNOPSIS
        Deletes each cached credential matching the step's patterns with `cmdkey /delete:<target>`, one
        ShouldProcess per entry. Whether it worked is decided by listing again (the repair loop tests the
        step afterwards), not by cmdkey's exit code.
    .PARAMETER Step
        The step: Patterns.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $targets = @(Get-RgCachedCredentialTarget | Where-Object -FilterScript {
            $target = $_
            @($Step.Patterns | Where-Object -FilterScript { $target -like $_ }).Count -gt 0
        })
    foreach ($target in $targets) {
        if ($PSCmdlet.ShouldProcess('Credential Manager entry ' + $target, 'Delete')) {
            $result = Invoke-RgNativeCommand -FilePath 'cmdkey.exe' -ArgumentList @('/delete:' + $target) -TimeoutSeconds 60
            Write-RgLog -Message ($Step.Id + ': cmdkey /delete:' + $target + ' exit code ' + $result.ExitCode)
        }
    }
}
